using ElrGnn.MLNet.Internal;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// Sentence-transformers pooling: the mean of the real tokens' states, then (for the emitted vector) L2 normalisation:
/// <code>s = Σ_t m_t h_t / max(Σ_t m_t, 1e-9),     v = s / max(‖s‖₂, 1e-12)</code>
/// </summary>
/// <remarks>Shapes: h (B, T, 384), mask (B, T) with 1 for real tokens → (B, 384).</remarks>
internal static class MeanPooling
{
    /// <summary>Masked mean s.</summary>
    public static Tensor Mean(Tensor hidden, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var m = mask.to_type(hidden.dtype).unsqueeze(-1);
        var sum = (hidden * m).sum(1);
        return (sum / HeldScalar.With(1e-9, tiny => m.sum(1).clamp_min(tiny))).MoveToOuterDisposeScope();
    }

    /// <summary>Unit-norm v.</summary>
    public static Tensor Normalize(Tensor pooled)
        => nn.functional.normalize(pooled, p: 2, dim: -1, eps: 1e-12);
}
