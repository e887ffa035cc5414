using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Reads Π back from the columns <see cref="GraphColumns.NeighborTurns"/> / <see cref="GraphColumns.Weights"/> of a
/// view that did not come straight from <see cref="ConversationGraphTransformer"/>: one pass over the rows into flat
/// buffers, then each conversation's CSR is filled in place (neighbour turn → position by binary search on the
/// conversation's ascending turns; no per-row dictionary, list or sort).
/// </summary>
internal static class PropagationColumnReader
{
    /// <summary>Π per conversation of <paramref name="set"/>.</summary>
    /// <exception cref="ConversationDataException">The columns have the wrong type, a row links to a turn not in its
    /// conversation, or a weight is not a finite nonnegative number.</exception>
    public static IReadOnlyList<SparseRows> Read(IDataView data, DataViewSchema.Column turnsColumn, DataViewSchema.Column weightsColumn,
        ConversationSet set)
    {
        if (turnsColumn.Type is not VectorDataViewType { ItemType.RawType: var ti } || ti != typeof(int)
            || weightsColumn.Type is not VectorDataViewType { ItemType.RawType: var wi } || wi != typeof(float))
            throw new ConversationDataException("graph columns have the wrong type (expected int and float vectors).", column: turnsColumn.Name);
        var (start, turns, weights) = ReadRows(data, turnsColumn, weightsColumn, set.RowCount);
        var result = new SparseRows[set.Conversations.Count];
        for (int c = 0; c < result.Length; c++)
            result[c] = Assemble(set.Conversations[c], start, turns, weights);
        return result;
    }

    /// <summary>Row r's entries are turns / weights [start[r], start[r + 1]).</summary>
    private static (long[] Start, int[] Turns, float[] Weights) ReadRows(IDataView data, DataViewSchema.Column turnsColumn,
        DataViewSchema.Column weightsColumn, long rowCount)
    {
        var start = new long[rowCount + 1];
        var turns = new int[Math.Max(16, rowCount * 4)];
        var weights = new float[turns.Length];
        using var cursor = data.GetRowCursor([turnsColumn, weightsColumn]);
        var getTurns = cursor.GetGetter<VBuffer<int>>(turnsColumn);
        var getWeights = cursor.GetGetter<VBuffer<float>>(weightsColumn);
        VBuffer<int> t = default;
        VBuffer<float> w = default;
        long row = 0, used = 0;
        while (cursor.MoveNext())
        {
            if (row >= rowCount)
                throw new ConversationDataException($"the data view returned more rows than the {rowCount} read before.", column: turnsColumn.Name);
            getTurns(ref t);
            getWeights(ref w);
            if (t.Length != w.Length)
                throw new ConversationDataException($"row {row}: {t.Length} neighbour turns but {w.Length} weights.", column: weightsColumn.Name);
            if (used + t.Length > turns.Length)
            {
                long size = Math.Max(turns.Length * 2L, used + t.Length);
                Array.Resize(ref turns, checked((int)size));
                Array.Resize(ref weights, turns.Length);
            }
            t.CopyTo(turns.AsSpan((int)used, t.Length));
            w.CopyTo(weights.AsSpan((int)used, w.Length));
            used += t.Length;
            start[++row] = used;
        }
        return (start, turns, weights);
    }

    private static SparseRows Assemble(Conversation conversation, long[] start, int[] turns, float[] weights)
    {
        var rowPtr = new int[conversation.Length + 1];
        for (int i = 0; i < conversation.Length; i++)
        {
            long row = conversation.RowIds[i];
            rowPtr[i + 1] = rowPtr[i] + (int)(start[row + 1] - start[row]);
        }
        var columns = new int[rowPtr[^1]];
        var values = new float[columns.Length];
        for (int i = 0; i < conversation.Length; i++)
        {
            long row = conversation.RowIds[i];
            int at = rowPtr[i];
            for (long e = start[row]; e < start[row + 1]; e++, at++)
            {
                int j = Array.BinarySearch(conversation.Turns, turns[e]);
                if (j < 0)
                    throw new ConversationDataException(
                        $"the precomputed graph links to turn {turns[e]}, which is not in the conversation (were rows removed after PrecomputeConversationGraph?).",
                        GraphColumns.NeighborTurns, conversation.Id, conversation.Turns[i]);
                if (!float.IsFinite(weights[e]) || weights[e] < 0)
                    throw new ConversationDataException($"graph weight {weights[e]} is not a finite nonnegative number.",
                        GraphColumns.Weights, conversation.Id, conversation.Turns[i]);
                columns[at] = j;
                values[at] = weights[e];
            }
            SortRow(columns.AsSpan(rowPtr[i], rowPtr[i + 1] - rowPtr[i]), values.AsSpan(rowPtr[i], rowPtr[i + 1] - rowPtr[i]));
        }
        return new SparseRows(rowPtr, columns, values);
    }

    // The graph step writes each row ascending; a row edited by hand may not be. Insertion sort in place: k is small
    // and an ascending row costs one comparison per entry.
    private static void SortRow(Span<int> columns, Span<float> values)
    {
        for (int a = 1; a < columns.Length; a++)
        {
            int c = columns[a];
            float v = values[a];
            int b = a - 1;
            for (; b >= 0 && columns[b] > c; b--)
            {
                columns[b + 1] = columns[b];
                values[b + 1] = values[b];
            }
            columns[b + 1] = c;
            values[b + 1] = v;
        }
    }
}
