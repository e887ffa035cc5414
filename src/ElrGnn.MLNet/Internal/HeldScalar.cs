using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Internal;

/// <summary>
/// Runs a tensor–number operation with a <see cref="Scalar"/> that stays alive until libtorch returns.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns a number (<c>x * 2.0</c>, <c>clamp_min(1e-9)</c>, <c>x &gt; 0</c>) into a finalizable
/// Scalar, hands its native handle to libtorch and keeps no reference while the call runs; dispose scopes do not
/// track Scalars. A garbage collection during the call can then free the Scalar under libtorch, which failed one
/// bench seed with "Expected false to be true" from <c>c10::Scalar::toDouble</c> in <c>THSTensor_mul_scalar</c>.
/// The library passes every number through here; HeldScalarTests fails on any other use in the compiled assemblies.
/// TorchSharp's own fix (disposing implicit Scalars right after the call: dotnet/TorchSharp#1434, #1496) is not released.
/// </remarks>
internal static class HeldScalar
{
    /// <summary>Applies <paramref name="operation"/> to a floating-point Scalar of <paramref name="value"/>.</summary>
    public static Tensor With(double value, Func<Scalar, Tensor> operation)
    {
        using var scalar = value.ToScalar();
        return operation(scalar);
    }

    /// <summary>Applies <paramref name="operation"/> to an integer Scalar (keeps integer tensors integer).</summary>
    public static Tensor With(long value, Func<Scalar, Tensor> operation)
    {
        using var scalar = value.ToScalar();
        return operation(scalar);
    }

    /// <summary><c>torch.arange(0, stop)</c> with held bounds.</summary>
    public static Tensor Arange(long stop, ScalarType dtype, Device device) => Arange(0, stop, 1, dtype, device);

    /// <summary><c>torch.arange(start, stop, step)</c> with held bounds.</summary>
    public static Tensor Arange(long start, long stop, long step, ScalarType dtype, Device device)
    {
        using Scalar from = start.ToScalar(), to = stop.ToScalar(), by = step.ToScalar();
        return torch.arange(from, to, by, dtype: dtype, device: device);
    }
}
