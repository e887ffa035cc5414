using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Fixed-size float vectors stored as one row-major matrix (row i = values [i·width, (i+1)·width)), so scoring a
/// large input allocates one array instead of one per row.
/// </summary>
internal sealed class RowMatrixColumnValues : AppendedColumnValues
{
    private readonly float[] _values;
    private readonly int _width;

    /// <summary>Wraps <paramref name="values"/> (kept, not copied): <paramref name="rows"/> rows of <paramref name="width"/>.</summary>
    public RowMatrixColumnValues(float[] values, int rows, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (values.LongLength != (long)rows * width)
            throw new ArgumentException($"{values.Length} values are not {rows} rows of {width}.", nameof(values));
        (_values, _width, RowCount) = (values, width, rows);
    }

    /// <inheritdoc />
    public override int RowCount { get; }

    internal override void CheckFits(AppendedColumnDefinition column)
    {
        if (column.Type is not VectorDataViewType vector || vector.ItemType.RawType != typeof(float) || vector.Size != _width)
            throw Mismatch(column, $"float vectors of length {_width}");
    }

    internal override Delegate MakeGetter(Func<long> rowIndex)
        => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> dst) =>
        {
            int row = CheckRow(rowIndex(), RowCount);
            var editor = VBufferEditor.Create(ref dst, _width);
            _values.AsSpan(row * _width, _width).CopyTo(editor.Values);
            dst = editor.Commit();
        });
}
