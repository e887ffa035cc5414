using ElrGnn.MLNet.Features.Modules;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// Appends the vectors of a fine-tuned MiniLM (unit norm, 384 floats) to each row. Made by
/// <see cref="UtteranceEmbeddingEstimator"/> when a label column is set; saved with its weights in the model zip.
/// </summary>
/// <remarks>
/// With past turns, <c>Transform</c> reads whole conversations; a prediction engine sees one row and embeds it alone
/// ("speaker: text"). Cross-fitted vectors of the training rows live only in the fitted object, for the pipeline's
/// next estimators; they are not saved.
/// <code>
/// *** Binary format ***
///   string    input column, output column
///   int       past turns (0..16)
///   string    conversation id column, turn column, speaker column
///   int       batch size (1..1024)
///   entry "TunedMiniLm": TunedEncoderWeights stream
///   bool      has head (format 0x00010002 on)
///   entry "TunedMiniLmHead": TunedHead stream, when it has one
/// </code>
/// </remarks>
internal sealed class TunedUtteranceEmbeddingTransformer : AppendingTransformerBase, IModelLoadable<TunedUtteranceEmbeddingTransformer>
{
    private const string WeightsEntry = "TunedMiniLm";
    private const string HeadEntry = "TunedMiniLmHead";
    private const uint FirstVersionWithHead = 0x00010002;
    private static readonly ModelFormat ModelFormat = new("ELRMINIT", "ElrGnnTunedMiniLm", FirstVersionWithHead, 0x00010001, 0x00010001);

    private readonly MiniLmModel _encoder;
    private readonly TunedHead? _head;
    private readonly UtteranceEmbeddingOptions _columns;
    private readonly IReadOnlyDictionary<string, float[]>? _crossFitted;
    private readonly Lock _encoding = new();

    public TunedUtteranceEmbeddingTransformer(IHostEnvironment env, MiniLmModel encoder, TunedHead? head, UtteranceEmbeddingOptions options,
        IReadOnlyDictionary<string, float[]>? crossFitted)
        : base(env, ModelFormat)
    {
        _encoder = encoder;
        _head = head;
        _encoder.eval();
        // Only the column names, past turns and batch size are used (and saved).
        _columns = new UtteranceEmbeddingOptions
        {
            InputColumnName = options.InputColumnName,
            OutputColumnName = options.OutputColumnName,
            PastTurns = options.PastTurns,
            ConversationIdColumnName = options.ConversationIdColumnName,
            TurnColumnName = options.TurnColumnName,
            SpeakerColumnName = options.SpeakerColumnName,
            BatchSize = options.BatchSize,
        };
        _crossFitted = crossFitted;
    }

    static ModelFormat IModelLoadable<TunedUtteranceEmbeddingTransformer>.Format => ModelFormat;

    /// <summary>Out-of-fold vectors of the training rows by row key (null without cross-fitting).</summary>
    internal IReadOnlyDictionary<string, float[]>? CrossFitted => _crossFitted;

    /// <summary>The same encoder and head with the given out-of-fold training vectors (a cache hit of a cross-fitted tuning).</summary>
    internal TunedUtteranceEmbeddingTransformer WithCrossFitted(IReadOnlyDictionary<string, float[]> crossFitted)
        => new(HostEnvironment, _encoder, _head, _columns, crossFitted);

    /// <summary>The tuned encoder (for tests and the CLI cache).</summary>
    internal MiniLmModel Encoder => _encoder;

    /// <summary>
    /// The tuning head's class for each row of <paramref name="input"/> (the encoder alone, no context: the bench's
    /// <c>encoder_only</c>); null for a model saved before the head was kept.
    /// </summary>
    internal string[]? PredictLabels(IDataView input)
    {
        if (_head is null)
            return null;
        var rows = new UtteranceRowReader(_columns).Read(input, readLabels: false, labels: null);
        var predicted = new string[rows.Count];
        lock (_encoding)
            TunedEncoding.ForEachBatch(_encoder, rows.Inputs, _columns.BatchSize, _encoder.parameters().First().device, CancellationToken.None,
                (batch, pooled) =>
                {
                    var classes = _head.Predict(pooled);
                    for (var b = 0; b < batch.Length; b++)
                        predicted[batch[b]] = _head.Labels[(int)classes[b]];
                });
        return predicted;
    }

    /// <summary>Unit-norm vectors of the given encoder inputs, in order.</summary>
    internal float[][] Embed(IReadOnlyList<string> inputs)
    {
        lock (_encoding)
            return TunedEncoding.Embed(_encoder, inputs, _columns.BatchSize, _encoder.parameters().First().device, CancellationToken.None);
    }

    private protected override IReadOnlyList<AppendedColumnDefinition> GetAppendedColumns(DataViewSchema inputSchema)
    {
        EmbeddingSchema.CheckInput(inputSchema, _columns.InputColumnName);
        return [AppendedColumnDefinition.Vector(_columns.OutputColumnName, NumberDataViewType.Single, UtteranceEmbeddingDefaults.Dimension)];
    }

    private protected override IReadOnlyList<string> GetInputColumnNames() => _columns.PastTurns > 0
        ? [_columns.InputColumnName, _columns.ConversationIdColumnName, _columns.TurnColumnName, _columns.SpeakerColumnName]
        : [_columns.InputColumnName];

    private protected override IReadOnlyList<AppendedColumnValues> ComputeAll(IDataView input)
    {
        var rows = new UtteranceRowReader(_columns).Read(input, readLabels: false, labels: null);
        var vectors = Embed(rows.Inputs);
        if (_crossFitted is not null)
            for (var i = 0; i < rows.Count; i++)
                if (_crossFitted.TryGetValue(rows.Keys[i], out var outOfFold))
                    vectors[i] = outOfFold;
        return [AppendedColumnValues.Vectors(vectors)];
    }

    private protected override Func<IReadOnlyList<AppendedColumnValues>> BindRow(DataViewRow input)
    {
        var text = Data.ValueGetters.Text(input, input.Schema[_columns.InputColumnName]);
        var speakerColumn = _columns.PastTurns > 0 ? input.Schema.GetColumnOrNull(_columns.SpeakerColumnName) : null;
        var speaker = speakerColumn is { } s ? Data.NameColumnReader.Create(input, s) : null;
        return () =>
        {
            var utterance = text() ?? "";
            var name = speaker?.Read();
            var single = string.IsNullOrEmpty(name) ? utterance : $"{name}: {utterance}";
            return [AppendedColumnValues.Vectors(Embed([single]))];
        };
    }

    private protected override void SaveModel(ModelWriter writer)
    {
        var w = writer.Writer;
        w.Write(_columns.InputColumnName);
        w.Write(_columns.OutputColumnName);
        w.Write(_columns.PastTurns);
        w.Write(_columns.ConversationIdColumnName);
        w.Write(_columns.TurnColumnName);
        w.Write(_columns.SpeakerColumnName);
        w.Write(_columns.BatchSize);
        writer.WriteStream(WeightsEntry, b => TunedEncoderWeights.Save(_encoder, b));
        w.Write(_head is not null);
        if (_head is not null)
            writer.WriteStream(HeadEntry, _head.Save);
    }

    static TunedUtteranceEmbeddingTransformer IModelLoadable<TunedUtteranceEmbeddingTransformer>.Load(IHostEnvironment env, ModelReader reader)
    {
        var r = reader.Reader;
        var options = new UtteranceEmbeddingOptions
        {
            InputColumnName = r.ReadString(),
            OutputColumnName = r.ReadString(),
            PastTurns = r.ReadInt32InRange("past turns", 0, EncoderTuningDefaults.MaxPastTurns),
            ConversationIdColumnName = r.ReadString(),
            TurnColumnName = r.ReadString(),
            SpeakerColumnName = r.ReadString(),
            BatchSize = r.ReadInt32InRange("batch size", 1, UtteranceEmbeddingDefaults.MaxBatchSize),
        };
        MiniLmModel? encoder = null;
        reader.ReadStream(WeightsEntry, b => encoder = TunedEncoderWeights.Load(b));
        TunedHead? head = null;
        try
        {
            if (reader.VersionWritten >= FirstVersionWithHead && r.ReadBoolean())
                reader.ReadStream(HeadEntry, b => head = TunedHead.Load(b));
        }
        catch
        {
            encoder?.Dispose();
            throw;
        }
        return new TunedUtteranceEmbeddingTransformer(env, encoder ?? throw new InvalidDataException("the model has no tuned MiniLM weights"), head, options, null);
    }
}
