using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Reads conversations from any <see cref="IDataView"/> with one row per utterance (text files,
/// in-memory enumerables, <c>Microsoft.Data.Analysis.DataFrame</c>, …).
/// </summary>
/// <remarks>
/// <para>Rows are grouped by conversation id (conversations in order of their first row) and
/// ordered by turn within each conversation; rows of one conversation may be scattered and
/// unordered. Only the order of turns matters: gaps are allowed (MELD's utterance ids have them),
/// duplicates are an error. Each utterance keeps its row position
/// (<see cref="Conversation.RowIds"/>) so results can be returned in input order.</para>
/// <para>Accepted column types: id — text, integer or key; turn — any integer, or float/double
/// holding a whole number; speaker — text (integer or key also accepted); label — text, key with
/// key values, or key without them (class index = key − 1); features — float or double vectors
/// (fixed or variable size) or scalars (size 1), converted to float.</para>
/// <para>Bad data throws <see cref="ConversationDataException"/> naming the column and, where
/// known, the conversation and turn: missing column (with the available ones), wrong column
/// type, missing id or speaker, non-integral turn, duplicate turn, NaN/±∞ feature, feature row
/// of the wrong size, missing or unknown label (unless <see cref="ConversationReaderOptions.RequireLabels"/>
/// is false), expected conversation absent.</para>
/// </remarks>
public sealed class ConversationReader
{
    private readonly ConversationReaderOptions _options;
    private readonly LabelMap? _fixedLabels;

    /// <summary>Creates a reader; <paramref name="options"/> null = all defaults.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public ConversationReader(ConversationReaderOptions? options = null)
    {
        _options = options ?? new ConversationReaderOptions();
        Validate(_options);
        _fixedLabels = _options.LabelNames is null ? null : new LabelMap(_options.LabelNames);
    }

    /// <summary>The options this reader uses.</summary>
    public ConversationReaderOptions Options => _options;

    /// <summary>Reads <paramref name="data"/> with the given options (a shortcut for <c>new ConversationReader(options).Read(data)</c>).</summary>
    public static ConversationSet Read(IDataView data, ConversationReaderOptions? options) =>
        new ConversationReader(options).Read(data);

    /// <summary>
    /// Checks that every needed column exists with a usable type, without reading rows.
    /// </summary>
    /// <exception cref="ConversationDataException">A column is missing or has the wrong type.</exception>
    public void ValidateSchema(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _ = Resolve(schema);
    }

    /// <summary>
    /// Checks a schema shape (as estimators see it in <c>GetOutputSchema</c>): every needed
    /// column exists with a usable item type. Vector sizes are not known there and are checked on read.
    /// </summary>
    /// <exception cref="ConversationDataException">A column is missing or has the wrong type.</exception>
    public void ValidateSchema(SchemaShape schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        SchemaColumns.Require(schema, _options.ConversationIdColumnName, NameColumnReader.Supports, NameColumnReader.Expected);
        SchemaColumns.Require(schema, _options.TurnColumnName, TurnColumnReader.Supports, TurnColumnReader.Expected);
        SchemaColumns.Require(schema, _options.SpeakerColumnName, NameColumnReader.Supports, NameColumnReader.Expected);
        if (_options.LabelColumnName is { } label && (_options.RequireLabels || SchemaColumns.TryFind(schema, label, out _)))
            SchemaColumns.Require(schema, label, LabelColumnReader.Supports, LabelColumnReader.Expected);
        foreach (var name in _options.FeatureColumnNames)
            SchemaColumns.Require(schema, name, FeatureColumnReader.Supports, FeatureColumnReader.Expected);
    }

    /// <summary>Reads all rows of <paramref name="data"/> into conversations.</summary>
    /// <exception cref="ConversationDataException">The data is bad; the message names column, conversation and turn.</exception>
    public ConversationSet Read(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = Resolve(data.Schema);
        int modalities = columns.Features.Length;

        using var cursor = data.GetRowCursor(columns.All);
        var idReader = NameColumnReader.Create(cursor, columns.Id);
        var turnReader = TurnColumnReader.Create(cursor, columns.Turn);
        var speakerReader = NameColumnReader.Create(cursor, columns.Speaker);
        var labelReader = columns.Label is { } labelColumn
            ? LabelColumnReader.Create(cursor, labelColumn, _fixedLabels, _options.RequireLabels)
            : null;
        var featureReaders = new FeatureColumnReader[modalities];
        for (int m = 0; m < modalities; m++)
            featureReaders[m] = FeatureColumnReader.Create(cursor, columns.Features[m], columns.Dimensions[m]);

        var byId = new Dictionary<string, ConversationAccumulator>(StringComparer.Ordinal);
        var inOrder = new List<ConversationAccumulator>();
        long rows = 0;
        while (cursor.MoveNext())
        {
            long row = rows++; // own count, not cursor.Position: 0-based and dense on any view
            string id = idReader.Read()
                ?? throw new ConversationDataException($"row {row}: the conversation id is missing (empty text or key 0).", columns.Id.Name);
            int turn = turnReader.Read(id, row);
            string speaker = speakerReader.Read()
                ?? throw new ConversationDataException($"row {row}: the speaker is missing (empty text or key 0).", columns.Speaker.Name, id, turn);
            int label = labelReader?.Read(id, turn) ?? -1;

            if (!byId.TryGetValue(id, out var conversation))
            {
                conversation = new ConversationAccumulator(id, modalities);
                byId.Add(id, conversation);
                inOrder.Add(conversation);
            }
            conversation.Add(turn, speaker, label, row);
            for (int m = 0; m < modalities; m++)
                featureReaders[m].ReadInto(conversation.Features[m], id, turn);
        }

        CheckExpected(byId, columns.Id.Name);
        int[]? remap = null;
        var labels = labelReader?.Finish(out remap) ?? _fixedLabels ?? LabelMap.Empty;
        var dimensions = featureReaders.Select(r => r.Dimension).ToArray();
        var conversations = inOrder.Select(c => c.Build(dimensions, remap, columns.Turn.Name)).ToArray();
        return new ConversationSet(conversations, labels, _options.FeatureColumnNames.ToArray(), dimensions, rows);
    }

    private void CheckExpected(Dictionary<string, ConversationAccumulator> byId, string idColumn)
    {
        if (_options.ExpectedConversations is null)
            return;
        foreach (var id in _options.ExpectedConversations)
        {
            if (!byId.ContainsKey(id))
                throw new ConversationDataException("the conversation is expected but has no rows (zero utterances).", idColumn, id);
        }
    }

    private ResolvedColumns Resolve(DataViewSchema schema)
    {
        var id = SchemaColumns.Require(schema, _options.ConversationIdColumnName, NameColumnReader.Supports, NameColumnReader.Expected);
        var turn = SchemaColumns.Require(schema, _options.TurnColumnName, TurnColumnReader.Supports, TurnColumnReader.Expected);
        var speaker = SchemaColumns.Require(schema, _options.SpeakerColumnName, NameColumnReader.Supports, NameColumnReader.Expected);

        DataViewSchema.Column? label = null;
        if (_options.LabelColumnName is { } labelName && (_options.RequireLabels || schema.GetColumnOrNull(labelName) is not null))
        {
            var column = SchemaColumns.Require(schema, labelName, LabelColumnReader.Supports, LabelColumnReader.Expected);
            if (column.Type is KeyDataViewType { Count: > int.MaxValue })
                throw new ConversationDataException($"the label key has {((KeyDataViewType)column.Type).Count} values; at most {int.MaxValue} are supported.", labelName);
            label = column;
        }

        var names = _options.FeatureColumnNames;
        var features = new DataViewSchema.Column[names.Length];
        var dimensions = new int[names.Length];
        for (int m = 0; m < names.Length; m++)
        {
            int size = 0;
            features[m] = SchemaColumns.Require(schema, names[m], t => FeatureColumnReader.Supports(t, out size), FeatureColumnReader.Expected);
            int expected = _options.FeatureDimensions?[m] ?? 0;
            if (size > 0 && expected > 0 && size != expected)
                throw new ConversationDataException($"the column has vectors of size {size} but {expected} are expected.", names[m]);
            dimensions[m] = Math.Max(size, expected);
        }
        return new ResolvedColumns(id, turn, speaker, label, features, dimensions);
    }

    private static void Validate(ConversationReaderOptions o)
    {
        RequireName(o.ConversationIdColumnName, nameof(o.ConversationIdColumnName));
        RequireName(o.TurnColumnName, nameof(o.TurnColumnName));
        RequireName(o.SpeakerColumnName, nameof(o.SpeakerColumnName));
        if (o.LabelColumnName is not null)
            RequireName(o.LabelColumnName, nameof(o.LabelColumnName));
        // No feature columns is allowed: the graph precompute reads only ids, turns and speakers.
        if (o.FeatureColumnNames is null)
            throw new ArgumentNullException(nameof(o.FeatureColumnNames));
        foreach (var name in o.FeatureColumnNames)
            RequireName(name, nameof(o.FeatureColumnNames));
        if (o.FeatureColumnNames.Distinct(StringComparer.Ordinal).Count() != o.FeatureColumnNames.Length)
            throw new ArgumentException("Feature column names must be distinct.", nameof(o.FeatureColumnNames));
        if (o.FeatureDimensions is { } dims)
        {
            if (dims.Length != o.FeatureColumnNames.Length)
                throw new ArgumentException(
                    $"{nameof(o.FeatureDimensions)} has {dims.Length} entries but there are {o.FeatureColumnNames.Length} feature columns.",
                    nameof(o.FeatureDimensions));
            if (dims.Any(d => d < 1))
                throw new ArgumentException("Every feature dimension must be at least 1.", nameof(o.FeatureDimensions));
        }
    }

    private static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"{option} must be a non-empty column name.", option);
    }

    private sealed record ResolvedColumns(
        DataViewSchema.Column Id, DataViewSchema.Column Turn, DataViewSchema.Column Speaker,
        DataViewSchema.Column? Label, DataViewSchema.Column[] Features, int[] Dimensions)
    {
        public IEnumerable<DataViewSchema.Column> All =>
            new[] { Id, Turn, Speaker }.Concat(Label is { } l ? [l] : []).Concat(Features);
    }
}
