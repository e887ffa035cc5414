using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// One of the two graph columns (<see cref="GraphColumns.NeighborTurns"/> or <see cref="GraphColumns.Weights"/>),
/// read on demand from a <see cref="PropagationTable"/>.
/// </summary>
internal sealed class PropagationColumnValues : AppendedColumnValues
{
    private readonly bool _turns;

    private PropagationColumnValues(PropagationTable table, bool turns) => (Table, _turns) = (table, turns);

    /// <summary>The table the values come from (the model step takes Π from it directly).</summary>
    public PropagationTable Table { get; }

    /// <inheritdoc />
    public override int RowCount => Table.RowCount;

    /// <summary>Int32 vectors: turn values of each row's kept neighbours, ascending by position.</summary>
    public static PropagationColumnValues NeighborTurns(PropagationTable table) => new(table, turns: true);

    /// <summary>Float vectors: Π weights of each row's kept neighbours, same order.</summary>
    public static PropagationColumnValues Weights(PropagationTable table) => new(table, turns: false);

    internal override void CheckFits(AppendedColumnDefinition column)
    {
        var item = _turns ? typeof(int) : typeof(float);
        if (column.Type is not VectorDataViewType vector || vector.ItemType.RawType != item || vector.Size != 0)
            throw Mismatch(column, $"variable-length vectors of {item.Name}");
    }

    internal override Delegate MakeGetter(Func<long> rowIndex) => _turns
        ? (ValueGetter<VBuffer<int>>)((ref VBuffer<int> dst) =>
        {
            var (turns, pi, begin, end) = Table.Row(rowIndex());
            var editor = VBufferEditor.Create(ref dst, end - begin);
            for (int e = begin; e < end; e++)
                editor.Values[e - begin] = turns[pi.Column[e]];
            dst = editor.Commit();
        })
        : (ValueGetter<VBuffer<float>>)((ref VBuffer<float> dst) =>
        {
            var (_, pi, begin, end) = Table.Row(rowIndex());
            var editor = VBufferEditor.Create(ref dst, end - begin);
            pi.Weight.AsSpan(begin, end - begin).CopyTo(editor.Values);
            dst = editor.Commit();
        });
}
