using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>Dense vectors of raw item type <typeparamref name="T"/>, one per row.</summary>
internal sealed class VectorColumnValues<T>(T[][] values) : AppendedColumnValues
{
    private readonly T[][] _values = values ?? throw new ArgumentNullException(nameof(values));

    /// <inheritdoc />
    public override int RowCount => _values.Length;

    internal override void CheckFits(AppendedColumnDefinition column)
    {
        if (column.Type is not VectorDataViewType vector || vector.ItemType.RawType != typeof(T))
            throw Mismatch(column, $"vectors of {typeof(T).Name}");
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is null || (vector.Size > 0 && _values[i].Length != vector.Size))
                throw Mismatch(column, $"row {i} of length {_values[i]?.Length.ToString() ?? "null"}");
        }
    }

    internal override Delegate MakeGetter(Func<long> rowIndex)
        => (ValueGetter<VBuffer<T>>)((ref VBuffer<T> dst) =>
        {
            var row = _values[CheckRow(rowIndex(), _values.Length)];
            var editor = VBufferEditor.Create(ref dst, row.Length);
            row.CopyTo(editor.Values);
            dst = editor.Commit();
        });
}
