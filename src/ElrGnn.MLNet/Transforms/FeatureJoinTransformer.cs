using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Appends pre-extracted feature vectors to a table of utterances: each row gets, for every
/// <see cref="Columns"/> entry, the source's fixed-size float vector of its (conversation id, turn). Create it
/// with <c>mlContext.Transforms.LoadConversationFeatures(...)</c>.
/// </summary>
/// <remarks>
/// <para>Rows may come in any order; each is looked up alone, so <c>PredictionEngine</c> gives the same vectors.
/// A row whose key the source lacks throws <see cref="ConversationDataException"/> naming the column, the
/// conversation and the turn (never zeros).</para>
/// <para>Saving: a file source is saved as its full path and SHA-256 and read again when the model is loaded, so
/// the file must stay available; a missing or changed file is a <see cref="ConversationDataException"/> at load.
/// In-memory sources (and file sources with <see cref="FeatureJoinOptions.SaveFeaturesInModel"/>) store the
/// vectors in the model.</para>
/// <code>
/// *** Binary format ***
///   string   conversation id column name
///   string   turn column name
///   int      column count C, then C × (string output name, string source name)
///   byte     storage: 0 = file reference, 1 = vectors in the model
///   storage 0: string full path, int format (FeatureJoinSourceFormat), byte[32] SHA-256 of the file
///   storage 1: binary entry "FeatureTable" (see FeatureTable's binary format)
/// </code>
/// </remarks>
public sealed class FeatureJoinTransformer : AppendingTransformerBase, IModelLoadable<FeatureJoinTransformer>
{
    private static readonly ModelFormat ModelFormat = new("ELRGFJON", "ElrGnnFeatureJoin", 0x00010001, 0x00010001, 0x00010001);
    private const string TableEntry = "FeatureTable";

    private readonly FeatureJoinColumn[] _columns;
    private readonly string _idColumn;
    private readonly string _turnColumn;
    private readonly FeatureTable _table;
    private readonly FeatureJoinSourceFile? _file;
    private readonly bool _embed;

    internal FeatureJoinTransformer(IHostEnvironment env, FeatureJoinColumn[] columns, string idColumn, string turnColumn,
        FeatureTable table, FeatureJoinSourceFile? file, bool embed) : base(env, ModelFormat)
    {
        _columns = columns;
        _idColumn = idColumn;
        _turnColumn = turnColumn;
        _table = table;
        _file = file;
        _embed = embed || file is null;
    }

    /// <summary>The appended columns and the source features they come from, in order.</summary>
    public IReadOnlyList<FeatureJoinColumn> Columns => _columns;

    /// <summary>The full path of the feature file, or null for an in-memory source.</summary>
    public string? SourcePath => _file?.Path;

    static ModelFormat IModelLoadable<FeatureJoinTransformer>.Format => ModelFormat;

    static FeatureJoinTransformer IModelLoadable<FeatureJoinTransformer>.Load(IHostEnvironment env, ModelReader reader)
    {
        var r = reader.Reader;
        string id = r.ReadString(), turn = r.ReadString();
        int count = r.ReadInt32();
        if (count < 1 || count > 1024)
            throw new InvalidDataException($"the feature join has {count} columns");
        var columns = new FeatureJoinColumn[count];
        for (int c = 0; c < count; c++)
        {
            string name = r.ReadString(), source = r.ReadString();
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(source))
                throw new InvalidDataException("a feature join column name is empty");
            columns[c] = new FeatureJoinColumn(name, source);
        }
        var sources = columns.Select(c => c.Source).ToArray();
        switch (r.ReadByte())
        {
            case 0:
                string path = r.ReadString();
                var format = (FeatureJoinSourceFormat)r.ReadInt32();
                var hash = r.ReadBytes(32);
                if (format is not (FeatureJoinSourceFormat.CommunityPickle or FeatureJoinSourceFormat.Csv) || hash.Length != 32)
                    throw new InvalidDataException("the feature file reference is damaged");
                var file = new FeatureJoinSourceFile(path, format, hash);
                return new FeatureJoinTransformer(env, columns, id, turn, file.Reopen(sources), file, embed: false);
            case 1:
                FeatureTable? table = null;
                reader.ReadStream(TableEntry, br => table = FeatureTable.Read(br));
                if (!table!.ModalityNames.SequenceEqual(sources))
                    throw new InvalidDataException("the saved feature table does not match the columns");
                return new FeatureJoinTransformer(env, columns, id, turn, table, null, embed: true);
            default:
                throw new InvalidDataException("unknown feature storage");
        }
    }

    private protected override IReadOnlyList<AppendedColumnDefinition> GetAppendedColumns(DataViewSchema inputSchema)
    {
        SchemaColumns.Require(inputSchema, _idColumn, NameColumnReader.Supports, NameColumnReader.Expected);
        SchemaColumns.Require(inputSchema, _turnColumn, TurnColumnReader.Supports, TurnColumnReader.Expected);
        return Definitions();
    }

    internal IReadOnlyList<AppendedColumnDefinition> Definitions() =>
        _columns.Select((c, m) => AppendedColumnDefinition.Vector(c.Name, NumberDataViewType.Single, _table.Dimensions[m])).ToArray();

    private protected override IReadOnlyList<string> GetInputColumnNames() => [_idColumn, _turnColumn];

    private protected override IReadOnlyList<AppendedColumnValues> ComputeAll(IDataView input)
    {
        var schema = input.Schema;
        var outputs = _columns.Select(_ => new List<float[]>()).ToArray();
        using (var cursor = input.GetRowCursor([schema[_idColumn], schema[_turnColumn]]))
        {
            var lookup = Lookup(cursor);
            for (long row = 0; cursor.MoveNext(); row++)
            {
                int found = lookup(row);
                for (int m = 0; m < outputs.Length; m++)
                    outputs[m].Add(_table.Vector(m, found));
            }
        }
        return outputs.Select(o => AppendedColumnValues.Vectors(o.ToArray())).ToArray();
    }

    private protected override Func<IReadOnlyList<AppendedColumnValues>> BindRow(DataViewRow input)
    {
        var lookup = Lookup(input);
        return () =>
        {
            int found = lookup(input.Position);
            return _columns.Select((_, m) => AppendedColumnValues.Vectors(new[] { _table.Vector(m, found) })).ToArray();
        };
    }

    private protected override void SaveModel(ModelWriter writer)
    {
        var w = writer.Writer;
        w.Write(_idColumn);
        w.Write(_turnColumn);
        w.Write(_columns.Length);
        foreach (var c in _columns)
        {
            w.Write(c.Name);
            w.Write(c.Source);
        }
        if (!_embed && _file is not null)
        {
            w.Write((byte)0);
            w.Write(_file.Path);
            w.Write((int)_file.Format);
            w.Write(_file.Sha256);
        }
        else
        {
            w.Write((byte)1);
            writer.WriteStream(TableEntry, _table.Write);
        }
    }

    // Returns the table row of the current input row; a missing key is an error naming column, conversation and turn.
    private Func<long, int> Lookup(DataViewRow row)
    {
        var id = NameColumnReader.Create(row, row.Schema[_idColumn]);
        var turn = TurnColumnReader.Create(row, row.Schema[_turnColumn]);
        return position =>
        {
            string conversation = id.Read()
                ?? throw new ConversationDataException($"row {position}: the conversation id is missing (empty text or key 0).", _idColumn);
            int t = turn.Read(conversation, position);
            int found = _table.Find(conversation, t);
            return found >= 0 ? found : throw new ConversationDataException(
                $"{_table.Description} has no features for this utterance (row {position}).", _columns[0].Name, conversation, t);
        };
    }
}
