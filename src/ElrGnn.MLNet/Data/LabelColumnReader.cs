using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Reads the label column as a class code per row and, at the end, the <see cref="LabelMap"/>.
/// Text labels without a fixed list get provisional codes (first appearance) that
/// <see cref="Finish"/> remaps to ordinally sorted names; every other case yields final indices.
/// </summary>
internal sealed class LabelColumnReader
{
    private const int Unknown = -2;

    private readonly string _columnName;
    private readonly bool _requireLabels;
    private readonly LabelMap? _fixed;
    private readonly Func<string?>? _text;
    private readonly Func<ulong>? _key;
    private readonly string[]? _keyNames;
    private readonly int[]? _keyToClass; // key − 1 → class index in _fixed (or Unknown)
    private readonly int _keyCount;
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    private LabelColumnReader(DataViewRow row, DataViewSchema.Column column, LabelMap? fixedMap, bool requireLabels)
    {
        _columnName = column.Name;
        _requireLabels = requireLabels;
        _fixed = fixedMap;
        if (column.Type is TextDataViewType)
        {
            _text = ValueGetters.Text(row, column);
            return;
        }
        _key = ValueGetters.KeyValue(row, column);
        _keyCount = (int)((KeyDataViewType)column.Type).Count; // range checked by the schema validation
        _keyNames = ValueGetters.KeyNames(column);
        if (_fixed is not null && _keyNames is not null)
            _keyToClass = _keyNames.Select(n => _fixed.TryGetIndex(n, out int c) ? c : Unknown).ToArray();
    }

    /// <summary>The accepted types, for error messages.</summary>
    public const string Expected = "text or a key";

    /// <summary>True for text and key columns.</summary>
    public static bool Supports(DataViewType type) => type is TextDataViewType || type is KeyDataViewType;

    /// <summary>The schema-shape form of <see cref="Supports(DataViewType)"/> (scalar text or key).</summary>
    public static bool Supports(SchemaShape.Column column) =>
        column.Kind == SchemaShape.Column.VectorKind.Scalar && (column.IsKey || column.ItemType is TextDataViewType);

    /// <summary>Creates a reader bound to <paramref name="row"/>.</summary>
    public static LabelColumnReader Create(DataViewRow row, DataViewSchema.Column column, LabelMap? fixedMap, bool requireLabels) =>
        new(row, column, fixedMap, requireLabels);

    /// <summary>The current row's class code; −1 for a missing or (when allowed) unknown label.</summary>
    public int Read(string conversationId, int turn)
    {
        if (_text is not null)
        {
            string? name = _text();
            if (name is null)
                return Missing(conversationId, turn);
            if (_fixed is not null)
                return _fixed.TryGetIndex(name, out int c) ? c : UnknownLabel($"'{name}'", conversationId, turn);
            if (!_seen.TryGetValue(name, out int code))
            {
                code = _seen.Count;
                _seen.Add(name, code);
            }
            return code;
        }

        ulong key = _key!();
        if (key == 0)
            return Missing(conversationId, turn);
        int index = (int)(key - 1);
        if (_fixed is null)
            return index;
        if (_keyToClass is not null)
            return _keyToClass[index] != Unknown ? _keyToClass[index] : UnknownLabel($"'{_keyNames![index]}'", conversationId, turn);
        return index < _fixed.Count ? index : UnknownLabel($"key {key}", conversationId, turn);
    }

    /// <summary>
    /// The label map, and the remap from provisional codes to class indices (null = codes are final).
    /// </summary>
    public LabelMap Finish(out int[]? remap)
    {
        remap = null;
        if (_fixed is not null)
            return _fixed;
        if (_text is null)
        {
            var names = _keyNames ?? Enumerable.Range(0, _keyCount)
                .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return new LabelMap(names);
        }
        var sorted = _seen.Keys.Order(StringComparer.Ordinal).ToArray();
        remap = new int[_seen.Count];
        for (int i = 0; i < sorted.Length; i++)
            remap[_seen[sorted[i]]] = i;
        return new LabelMap(sorted);
    }

    private int Missing(string conversationId, int turn)
    {
        if (_requireLabels)
            throw new ConversationDataException(
                "the label is missing (empty text or key 0); set RequireLabels = false to read unlabelled rows.",
                _columnName, conversationId, turn);
        return -1;
    }

    private int UnknownLabel(string what, string conversationId, int turn)
    {
        if (_requireLabels)
            throw new ConversationDataException(
                $"label {what} is not one of the {_fixed!.Count} known labels ({string.Join(", ", _fixed.Names)}).",
                _columnName, conversationId, turn);
        return -1;
    }
}
