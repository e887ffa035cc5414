using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Gets Π for each conversation of a data view: read back from the columns written by
/// <see cref="ConversationGraphTransformer"/> when the view has them, otherwise computed with the given options.
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
        var (turns, weights) = ReadColumns(data, turnsColumn.Value, weightsColumn.Value, set.RowCount);
        return set.Conversations.Select(c => Assemble(c, turns, weights)).ToList();
    }

    private static (int[][] Turns, float[][] Weights) ReadColumns(IDataView data, DataViewSchema.Column turnsColumn,
        DataViewSchema.Column weightsColumn, long rowCount)
    {
        if (turnsColumn.Type is not VectorDataViewType { ItemType.RawType: var ti } || ti != typeof(int)
            || weightsColumn.Type is not VectorDataViewType { ItemType.RawType: var wi } || wi != typeof(float))
            throw new ConversationDataException("graph columns have the wrong type (expected int and float vectors).", column: turnsColumn.Name);
        var turns = new int[rowCount][];
        var weights = new float[rowCount][];
        using var cursor = data.GetRowCursor([turnsColumn, weightsColumn]);
        var getTurns = cursor.GetGetter<VBuffer<int>>(turnsColumn);
        var getWeights = cursor.GetGetter<VBuffer<float>>(weightsColumn);
        VBuffer<int> t = default;
        VBuffer<float> w = default;
        long row = 0;
        while (cursor.MoveNext())
        {
            if (row >= rowCount)
                throw new ConversationDataException($"the data view returned more rows than the {rowCount} read before.", column: turnsColumn.Name);
            getTurns(ref t);
            getWeights(ref w);
            turns[row] = t.DenseValues().ToArray();
            weights[row] = w.DenseValues().ToArray();
            if (turns[row].Length != weights[row].Length)
                throw new ConversationDataException($"row {row}: {turns[row].Length} neighbour turns but {weights[row].Length} weights.", column: weightsColumn.Name);
            row++;
        }
        return (turns, weights);
    }

    private static SparseRows Assemble(Conversation conversation, int[][] turns, float[][] weights)
    {
        var position = new Dictionary<int, int>(conversation.Length);
        for (int i = 0; i < conversation.Length; i++)
            position[conversation.Turns[i]] = i;
        var rowPtr = new int[conversation.Length + 1];
        var columns = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < conversation.Length; i++)
        {
            long row = conversation.RowIds[i];
            var entries = new List<(int Column, float Weight)>(turns[row].Length);
            for (int e = 0; e < turns[row].Length; e++)
            {
                if (!position.TryGetValue(turns[row][e], out int j))
                    throw new ConversationDataException(
                        $"the precomputed graph links to turn {turns[row][e]}, which is not in the conversation (were rows removed after PrecomputeConversationGraph?).",
                        GraphColumns.NeighborTurns, conversation.Id, conversation.Turns[i]);
                if (!float.IsFinite(weights[row][e]) || weights[row][e] < 0)
                    throw new ConversationDataException($"graph weight {weights[row][e]} is not a finite nonnegative number.",
                        GraphColumns.Weights, conversation.Id, conversation.Turns[i]);
                entries.Add((j, weights[row][e]));
            }
            entries.Sort((a, b) => a.Column.CompareTo(b.Column));
            foreach (var (c, w) in entries)
            {
                columns.Add(c);
                values.Add(w);
            }
            rowPtr[i + 1] = columns.Count;
        }
        return new SparseRows(rowPtr, [.. columns], [.. values]);
    }
}
