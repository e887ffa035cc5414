using System.Globalization;
using System.Text;

namespace ElrGnn.MLNet.Data;

internal sealed partial class FeatureTable
{
    /// <summary>The CSV column holding the conversation id. Value "dialogue_id".</summary>
    public const string CsvIdColumn = "dialogue_id";

    /// <summary>The CSV column holding the turn. Value "turn".</summary>
    public const string CsvTurnColumn = "turn";

    /// <summary>
    /// Reads a feature CSV (RFC 4180, one line per utterance): header <c>dialogue_id,turn,&lt;name&gt;_0,&lt;name&gt;_1,…</c>.
    /// Modality <c>name</c> is every column <c>name_i</c> (case-insensitive), i = 0 … n − 1 all present; other
    /// columns are ignored. Numbers use the invariant culture.
    /// </summary>
    /// <exception cref="ConversationDataException">A column is missing, a modality is unknown or a line is malformed (names the line).</exception>
    public static FeatureTable FromCsv(string path, IReadOnlyList<string> modalities)
    {
        string file = Path.GetFileName(path);
        string description = $"feature file '{file}'";
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = UtteranceCsv.ReadHeader(reader, description);
        int idColumn = UtteranceCsv.FindColumn(header, CsvIdColumn, description);
        int turnColumn = UtteranceCsv.FindColumn(header, CsvTurnColumn, description);
        var slots = modalities.Select(m => SlotColumns(header, m, description)).ToArray();
        int fieldsNeeded = slots.SelectMany(s => s).Append(idColumn).Append(turnColumn).Max() + 1;

        var table = new FeatureTable(description, modalities, slots.Select(s => s.Length).ToArray());
        foreach (var (lineNo, f) in UtteranceCsv.Records(reader, description, fieldsNeeded))
        {
            string where = $"{description} line {lineNo}";
            string id = f[idColumn].Trim();
            if (id.Length == 0)
                throw new ConversationDataException($"{where}: the conversation id is empty.", CsvIdColumn);
            int turn = UtteranceCsv.ParseTurn(f[turnColumn], where, CsvTurnColumn, id);
            var vectors = new float[slots.Length][];
            for (int m = 0; m < slots.Length; m++)
            {
                vectors[m] = new float[slots[m].Length];
                for (int i = 0; i < slots[m].Length; i++)
                {
                    string text = f[slots[m][i]];
                    if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out vectors[m][i]))
                        throw new ConversationDataException($"{where}: '{text}' is not a number.", header[slots[m][i]], id, turn);
                }
            }
            table.Add(id, turn, vectors, where);
        }
        return table;
    }

    // The field index of name_0 … name_(n-1), in slot order.
    private static int[] SlotColumns(List<string> header, string name, string description)
    {
        var bySlot = new SortedDictionary<int, int>();
        for (int c = 0; c < header.Count; c++)
        {
            string h = header[c];
            if (h.Length > name.Length + 1 && h.StartsWith(name, StringComparison.OrdinalIgnoreCase) && h[name.Length] == '_'
                && int.TryParse(h.AsSpan(name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int slot)
                && !bySlot.TryAdd(slot, c))
                throw new ConversationDataException($"{description} has two columns for slot {slot}.", h);
        }
        if (bySlot.Count == 0)
            throw UnknownModality(name, description, Prefixes(header));
        if (bySlot.Keys.Last() != bySlot.Count - 1)
            throw new ConversationDataException(
                $"{description} has {bySlot.Count} '{name}_i' columns but not exactly {name}_0 … {name}_{bySlot.Count - 1}.", name);
        return [.. bySlot.Values];
    }

    // The modality names a header offers: the part before "_<digits>".
    private static IEnumerable<string> Prefixes(List<string> header) => header
        .Select(h => (h, at: h.LastIndexOf('_')))
        .Where(x => x.at > 0 && x.at < x.h.Length - 1 && x.h.AsSpan(x.at + 1).IndexOfAnyExceptInRange('0', '9') < 0)
        .Select(x => x.h[..x.at])
        .Distinct(StringComparer.OrdinalIgnoreCase);
}
