namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// A numpy float array read from a pickle: its shape, its dtype as written in the file ("&lt;f4" or
/// "&lt;f8"; big-endian is converted) and its values in C (row-major) order, as <see cref="float"/>
/// for f4 or <see cref="double"/> for f8.
/// </summary>
public sealed class NumpyArray
{
    private int[] _shape = [0];

    /// <summary>Creates a float32 array (used by tests and by code that builds result graphs).</summary>
    /// <param name="shape">Dimensions; their product must equal <paramref name="values"/>' length.</param>
    /// <param name="values">Values in C order; kept, not copied.</param>
    public NumpyArray(int[] shape, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckShape(shape, values.Length);
        SetValues(shape, "<f4", values, null);
    }

    /// <summary>Creates a float64 array.</summary>
    /// <param name="shape">Dimensions; their product must equal <paramref name="values"/>' length.</param>
    /// <param name="values">Values in C order; kept, not copied.</param>
    public NumpyArray(int[] shape, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckShape(shape, values.Length);
        SetValues(shape, "<f8", null, values);
    }

    /// <summary>Placeholder made by <c>_reconstruct</c>; BUILD fills it.</summary>
    internal NumpyArray()
    {
    }

    /// <summary>Dimensions (a 1-D vector of n values has shape [n]).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The dtype as written in the file: "&lt;f4", "&lt;f8", "&gt;f4" or "&gt;f8".</summary>
    public string Dtype { get; private set; } = "<f4";

    /// <summary>Total number of values (product of <see cref="Shape"/>).</summary>
    public int Length => Float32Values?.Length ?? Float64Values?.Length ?? 0;

    /// <summary>The values when the dtype is f4, else null. Exposed without copying.</summary>
    public float[]? Float32Values { get; private set; }

    /// <summary>The values when the dtype is f8, else null. Exposed without copying.</summary>
    public double[]? Float64Values { get; private set; }

    /// <summary>Whether the array received its data (a pickle that never BUILDs it is rejected).</summary>
    internal bool IsInitialized { get; private set; }

    /// <summary>
    /// The values as float32: the stored array itself for f4 (no copy), a converted copy for f8
    /// (rounded to nearest, as numpy's astype(float32)).
    /// </summary>
    public float[] ToSingleArray()
    {
        if (Float32Values is not null)
            return Float32Values;
        var src = Float64Values ?? [];
        var result = new float[src.Length];
        for (int i = 0; i < src.Length; i++)
            result[i] = (float)src[i];
        return result;
    }

    /// <summary>The values as float64: the stored array itself for f8 (no copy), a widened copy for f4.</summary>
    public double[] ToDoubleArray()
    {
        if (Float64Values is not null)
            return Float64Values;
        var src = Float32Values ?? [];
        var result = new double[src.Length];
        for (int i = 0; i < src.Length; i++)
            result[i] = src[i];
        return result;
    }

    /// <summary>Sets shape, dtype and values once; the caller has checked sizes.</summary>
    internal void SetValues(int[] shape, string dtype, float[]? f32, double[]? f64)
    {
        _shape = shape;
        Dtype = dtype;
        Float32Values = f32;
        Float64Values = f64;
        IsInitialized = true;
    }

    private static void CheckShape(int[] shape, int length)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long product = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException("Shape dimensions must be non-negative.", nameof(shape));
            product *= d;
            if (product > int.MaxValue)
                throw new ArgumentException("Shape is too large.", nameof(shape));
        }
        if (product != length)
            throw new ArgumentException($"Shape holds {product} values but {length} were given.", nameof(shape));
    }
}
