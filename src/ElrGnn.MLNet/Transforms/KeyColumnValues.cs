using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>Key values held as 0-based class indices (-1 = missing).</summary>
internal sealed class KeyColumnValues(int[] classIndices) : AppendedColumnValues
{
    private readonly int[] _classIndices = classIndices ?? throw new ArgumentNullException(nameof(classIndices));

    /// <inheritdoc />
    public override int RowCount => _classIndices.Length;

    internal override void CheckFits(AppendedColumnDefinition column)
    {
        if (column.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw Mismatch(column, "uint keys");
        for (var i = 0; i < _classIndices.Length; i++)
        {
            if (_classIndices[i] < -1 || (ulong)(_classIndices[i] + 1) > key.Count)
                throw Mismatch(column, $"class index {_classIndices[i]} (row {i})");
        }
    }

    internal override Delegate MakeGetter(Func<long> rowIndex)
        => (ValueGetter<uint>)((ref uint dst) => dst = (uint)(_classIndices[CheckRow(rowIndex(), _classIndices.Length)] + 1));
}
