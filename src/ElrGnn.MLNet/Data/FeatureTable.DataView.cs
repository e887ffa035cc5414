using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

internal sealed partial class FeatureTable
{
    /// <summary>
    /// Reads an in-memory feature table: one row per utterance with an id column (text, integer or key), a turn
    /// column (any integer, or a float holding a whole number) and one float or double vector (or scalar) column
    /// per modality, named as requested.
    /// </summary>
    /// <exception cref="ConversationDataException">A column is missing or of the wrong type, or a row is bad.</exception>
    public static FeatureTable FromDataView(IDataView data, string idColumnName, string turnColumnName, IReadOnlyList<string> modalities)
    {
        const string description = "the in-memory feature table";
        var schema = data.Schema;
        DataViewSchema.Column Find(string name, Func<DataViewType, bool> supports, string expected)
        {
            var column = schema.GetColumnOrNull(name)
                ?? throw UnknownModality(name, description, schema.Where(c => !c.IsHidden).Select(c => c.Name));
            return supports(column.Type) ? column
                : throw new ConversationDataException($"the column has type {column.Type}; expected {expected}.", name);
        }
        var id = Find(idColumnName, NameColumnReader.Supports, NameColumnReader.Expected);
        var turn = Find(turnColumnName, TurnColumnReader.Supports, TurnColumnReader.Expected);
        var sizes = new int[modalities.Count];
        var features = new DataViewSchema.Column[modalities.Count];
        for (int m = 0; m < features.Length; m++)
            features[m] = Find(modalities[m], t => FeatureColumnReader.Supports(t, out sizes[m]), FeatureColumnReader.Expected);

        // Variable-size columns learn their size from the first row, so the table is built after reading.
        var keys = new List<(string Id, int Turn)>();
        var values = features.Select(_ => new List<float>()).ToArray();
        using (var cursor = data.GetRowCursor([id, turn, .. features]))
        {
            var idReader = NameColumnReader.Create(cursor, id);
            var turnReader = TurnColumnReader.Create(cursor, turn);
            var readers = features.Select((c, m) => FeatureColumnReader.Create(cursor, c, sizes[m])).ToArray();
            for (long row = 0; cursor.MoveNext(); row++)
            {
                string conversation = idReader.Read()
                    ?? throw new ConversationDataException($"row {row} of {description}: the conversation id is missing.", idColumnName);
                int t = turnReader.Read(conversation, row);
                keys.Add((conversation, t));
                for (int m = 0; m < readers.Length; m++)
                    readers[m].ReadInto(values[m], conversation, t);
            }
            for (int m = 0; m < readers.Length; m++)
                sizes[m] = readers[m].Dimension;
        }
        if (keys.Count == 0)
            throw new ConversationDataException($"{description} has no rows.");

        var table = new FeatureTable(description, modalities, sizes);
        for (int r = 0; r < keys.Count; r++)
        {
            var vectors = new float[features.Length][];
            for (int m = 0; m < vectors.Length; m++)
            {
                vectors[m] = new float[sizes[m]];
                values[m].CopyTo(r * sizes[m], vectors[m], 0, sizes[m]);
            }
            table.Add(keys[r].Id, keys[r].Turn, vectors);
        }
        return table;
    }
}
