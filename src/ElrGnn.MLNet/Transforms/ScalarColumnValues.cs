using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>Scalar values of raw type <typeparamref name="T"/>.</summary>
internal sealed class ScalarColumnValues<T>(T[] values) : AppendedColumnValues
{
    private readonly T[] _values = values ?? throw new ArgumentNullException(nameof(values));

    /// <inheritdoc />
    public override int RowCount => _values.Length;

    internal override void CheckFits(AppendedColumnDefinition column)
    {
        if (column.Type is VectorDataViewType or KeyDataViewType || column.Type.RawType != typeof(T))
            throw Mismatch(column, $"scalars of {typeof(T).Name}");
    }

    internal override Delegate MakeGetter(Func<long> rowIndex)
        => (ValueGetter<T>)((ref T dst) => dst = _values[CheckRow(rowIndex(), _values.Length)]);
}
