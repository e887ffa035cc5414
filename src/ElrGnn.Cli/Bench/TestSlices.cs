using ElrGnn.MLNet.Data;
using Microsoft.ML;

namespace ElrGnn.Cli.Bench;

/// <summary>
/// The labelled test utterances (in the order every run scores them) and the slices the bench breaks results down by:
/// conversation length, position in the conversation, distance back to the last turn with the same gold emotion
/// (how far the relevant context is), and the gold class.
/// </summary>
internal sealed class TestSlices
{
    private TestSlices(int[] truth, IReadOnlyList<(string Kind, string Name, int[] Rows)> slices)
    {
        Truth = truth;
        Slices = slices;
    }

    /// <summary>Gold class index of each labelled test utterance.</summary>
    public int[] Truth { get; }

    /// <summary>Every slice: its kind ("conversation_length", "position", "distance_to_same_emotion"), its bucket and its rows.</summary>
    public IReadOnlyList<(string Kind, string Name, int[] Rows)> Slices { get; }

    /// <summary>Reads conversation, turn and label key of every test row (rows with key 0, i.e. no label, are left out,
    /// as the runs' reports leave them out).</summary>
    public static TestSlices Read(IDataView test)
    {
        var schema = test.Schema;
        var conversation = schema[ConversationColumns.ConversationId];
        var turn = schema[ConversationColumns.Turn];
        var label = schema[ConversationColumns.Label];
        var rows = new List<(string Conversation, double Turn, int Label)>();
        using (var cursor = test.GetRowCursor([conversation, turn, label]))
        {
            var conversationOf = NameColumnReader.Create(cursor, conversation);
            var turnOf = ValueGetters.AsDouble(cursor, turn);
            var labelGetter = cursor.GetGetter<uint>(label);
            uint key = 0;
            while (cursor.MoveNext())
            {
                labelGetter(ref key);
                if (key != 0)
                    rows.Add((conversationOf.Read() ?? "", turnOf(), (int)key - 1));
            }
        }

        var length = new int[rows.Count];
        var position = new int[rows.Count];
        var distance = new int?[rows.Count];
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Conversation))
        {
            var ordered = group.OrderBy(i => rows[i].Turn).ToArray();
            var lastSeen = new Dictionary<int, int>();
            for (int p = 0; p < ordered.Length; p++)
            {
                int i = ordered[p];
                length[i] = ordered.Length;
                position[i] = p;
                distance[i] = lastSeen.TryGetValue(rows[i].Label, out int q) ? p - q : null;
                lastSeen[rows[i].Label] = p;
            }
        }

        var slices = new List<(string, string, int[])>();
        void Add(string kind, string name, Func<int, bool> member) =>
            slices.Add((kind, name, [.. Enumerable.Range(0, rows.Count).Where(member)]));
        Add("conversation_length", "1-10", i => length[i] <= 10);
        Add("conversation_length", "11-30", i => length[i] is > 10 and <= 30);
        Add("conversation_length", "31-60", i => length[i] is > 30 and <= 60);
        Add("conversation_length", "61+", i => length[i] > 60);
        Add("position", "0-2", i => position[i] <= 2);
        Add("position", "3-9", i => position[i] is > 2 and <= 9);
        Add("position", "10-29", i => position[i] is > 9 and <= 29);
        Add("position", "30+", i => position[i] >= 30);
        Add("distance_to_same_emotion", "1", i => distance[i] == 1);
        Add("distance_to_same_emotion", "2-4", i => distance[i] is >= 2 and <= 4);
        Add("distance_to_same_emotion", "5-9", i => distance[i] is >= 5 and <= 9);
        Add("distance_to_same_emotion", "10+", i => distance[i] >= 10);
        Add("distance_to_same_emotion", "none earlier", i => distance[i] is null);
        return new TestSlices([.. rows.Select(r => r.Label)], [.. slices.Where(s => s.Item3.Length > 0)]);
    }
}
