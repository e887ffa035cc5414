using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Native;
using ElrGnn.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Tests.Modules;

/// <summary>Small conversations, graphs and configurations for the network and training-loop tests.</summary>
internal static class NetTestData
{
    /// <summary>Small widths per modality (text, audio, visual).</summary>
    public static readonly int[] Dims = [8, 4, 4];

    /// <summary>Loads TorchSharp's native library (idempotent); call before any torch use.</summary>
    public static void Torch() => TorchNative.EnsureLoaded();

    /// <summary>A small configuration; dropout and DropNode default to 0 so outputs are deterministic functions of the inputs.</summary>
    public static NetworkConfig Config(int classes = 3, double dropout = 0, double dropNode = 0) => new()
    {
        ModalityDimensions = Dims,
        ClassCount = classes,
        HiddenSize = 8,
        ModelSize = 8,
        Dropout = dropout,
        DropNode = dropNode,
        TransformerHeads = 2,
    };

    /// <summary>A conversation with random features, two or three speakers and random labels.</summary>
    public static Conversation RandomConversation(string id, int length, Random random, int classes = 3, int speakers = 2)
    {
        var features = Dims.Select(d => Enumerable.Range(0, length * d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        return new Conversation(id, Enumerable.Range(0, length).ToArray(),
            Enumerable.Range(0, length).Select(_ => "s" + random.Next(speakers)).ToArray(),
            Enumerable.Range(0, length).Select(_ => random.Next(classes)).ToArray(),
            features, Enumerable.Range(0, length).Select(i => (long)i).ToArray());
    }

    /// <summary>
    /// The context task: each utterance shows a "token" class in its text features (one-hot + noise), but its label is
    /// the token of the previous utterance (the first utterance: its own). A model without context is at chance.
    /// </summary>
    public static Conversation ContextConversation(string id, int length, Random random, int classes = 3)
    {
        var tokens = Enumerable.Range(0, length).Select(_ => random.Next(classes)).ToArray();
        var features = Dims.Select(d => Enumerable.Range(0, length * d).Select(_ => (float)(random.NextDouble() * 0.2 - 0.1)).ToArray()).ToArray();
        for (int i = 0; i < length; i++)
            features[0][i * Dims[0] + tokens[i]] += 1f;
        var labels = Enumerable.Range(0, length).Select(i => tokens[Math.Max(0, i - 1)]).ToArray();
        return new Conversation(id, Enumerable.Range(0, length).ToArray(),
            Enumerable.Range(0, length).Select(i => "s" + (i % 2)).ToArray(), labels, features,
            Enumerable.Range(0, length).Select(i => (long)i).ToArray());
    }

    /// <summary>Pairs conversations with their Π (small top-k) and speaker graphs (window 3/3).</summary>
    public static BatchItem[] Items(IReadOnlyList<Conversation> conversations, int topK = 6)
    {
        var options = new ConversationGraphOptions { TopK = topK, Dilation = 2, DilatedLinks = 2 };
        var pi = ConversationGraphPrecompute.Run(conversations.Select(c => c.SpeakerIndex).ToArray(), options, maxDegreeOfParallelism: 1);
        return BatchItem.CreateAll(conversations, pi, speakerWindow: (3, 3));
    }

    /// <summary>Random items with the given lengths.</summary>
    public static BatchItem[] RandomItems(int seed, params int[] lengths)
    {
        var random = new Random(seed);
        return Items(lengths.Select((n, i) => RandomConversation("c" + i, n, random)).ToArray());
    }

    /// <summary>Builds a network with a fixed torch seed.</summary>
    public static ElrGnnNetwork Network(NetworkConfig config, long seed = 7)
    {
        Torch();
        torch.manual_seed(seed);
        return new ElrGnnNetwork(config);
    }

    /// <summary>Copies a tensor's values to a float array (CPU).</summary>
    public static float[] Values(Tensor t)
    {
        using var c = t.detach().cpu().contiguous();
        return c.data<float>().ToArray();
    }

    /// <summary>Largest absolute difference of two equally long arrays.</summary>
    public static double MaxDiff(float[] a, float[] b)
    {
        Assert.AreEqual(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
