using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Gets Π for each conversation of a data view: taken as computed from the view <see cref="ConversationGraphTransformer"/>
/// returned (no per-row work), read back from its columns when the view went through something else (a cache, a
/// saved file), otherwise computed with the given options.
/// </summary>
internal static class PropagationSource
{
    /// <summary>The graph options recorded on the view's <see cref="GraphColumns.Weights"/> column, if any.</summary>
    public static ConversationGraphOptions? OptionsFromSchema(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(GraphColumns.Weights);
        if (column is null || column.Value.Annotations.Schema.GetColumnOrNull(GraphColumns.OptionsAnnotation) is null)
            return null;
        ReadOnlyMemory<char> json = default;
        column.Value.Annotations.GetValue(GraphColumns.OptionsAnnotation, ref json);
        return ConversationGraphTransformer.FromJson(json.ToString());
    }

    /// <summary>Π per conversation of <paramref name="set"/> (read from <paramref name="data"/>).</summary>
    public static IReadOnlyList<SparseRows> Get(IDataView data, ConversationSet set, ConversationGraphOptions? fallback)
    {
        var turnsColumn = data.Schema.GetColumnOrNull(GraphColumns.NeighborTurns);
        var weightsColumn = data.Schema.GetColumnOrNull(GraphColumns.Weights);
        if (turnsColumn is null || weightsColumn is null)
        {
            if (fallback is null)
                throw new ConversationDataException(
                    "the precomputed graph is missing: append mlContext.Transforms.PrecomputeConversationGraph(...) before the ELR-GNN trainer.",
                    column: GraphColumns.Weights);
            return ConversationGraphTransformer.Precompute(set.Conversations, fallback);
        }
        if (data is AppendedColumnsDataView view
            && view.AppendedValues(GraphColumns.Weights) is PropagationColumnValues computed
            && view.AppendedValues(GraphColumns.NeighborTurns) is PropagationColumnValues { Table: var turnsTable }
            && ReferenceEquals(turnsTable, computed.Table)
            && computed.Table.MatchTo(set) is { } graphs)
            return graphs;
        return PropagationColumnReader.Read(data, turnsColumn.Value, weightsColumn.Value, set);
    }
}
