using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// A trained ELR-GNN model: scores every utterance of every conversation in its input, with the whole conversation
/// (past and future turns) as context, and appends <c>Score</c> (softmax probabilities, slot names = labels) and
/// <c>PredictedLabel</c> (key whose values are the labels). Works with ML.NET's <c>Evaluate</c>,
/// <c>MapKeyToValue</c> and <c>PredictionEngine</c>; saved and loaded with <c>mlContext.Model.Save/Load</c>.
/// </summary>
/// <remarks>
/// A <c>PredictionEngine</c> sees one row at a time, so it scores each utterance as a one-utterance conversation
/// (no context); use <c>CreateConversationPredictor</c> to score whole conversations or a stream of turns.
/// <code>
/// *** Binary format ***
///   string[]  label names (class index order)
///   string    conversation id column, turn column, speaker column
///   string[]  feature columns (modality order)
///   int[]     feature dimensions, as ints: count then values
///   string    graph options JSON (used when the input lacks the precomputed graph columns)
///   int, int  speaker-graph window p, f
///   entry "ElrGnnNetwork": NetworkWeights stream (network config header + TorchSharp weights)
/// </code>
/// </remarks>
public sealed class ElrGnnTransformer : AppendingTransformerBase, IModelLoadable<ElrGnnTransformer>, IDisposable
{
    /// <summary>Name of the appended probability vector column.</summary>
    public const string ScoreColumnName = "Score";

    /// <summary>Name of the appended predicted-label key column.</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    private const string NetworkEntry = "ElrGnnNetwork";
    private static readonly ModelFormat ModelFormat = new("ELRGNNMD", "ElrGnnModel", 0x00010001, 0x00010001, 0x00010001);

    private readonly ElrGnnNetwork _network;
    private int _scoringThreads = Environment.ProcessorCount;

    internal ElrGnnTransformer(IHostEnvironment env, ElrGnnNetwork network, IReadOnlyList<string> labelNames, ElrGnnColumns columns,
        IReadOnlyList<int> featureDimensions, ConversationGraphOptions graphOptions, (int Past, int Future) speakerWindow,
        ElrGnnTrainingSummary? training)
        : base(env, ModelFormat)
    {
        _network = network;
        _network.eval();
        LabelNames = [.. labelNames];
        Columns = columns;
        FeatureDimensions = [.. featureDimensions];
        GraphOptions = graphOptions;
        SpeakerWindow = speakerWindow;
        Training = training;
    }

    /// <summary>Class names; index = class id, and the order of the <c>Score</c> slots.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>The input columns the model reads.</summary>
    public ElrGnnColumns Columns { get; }

    /// <summary>Width of each feature column, in <see cref="ElrGnnColumns.Features"/> order.</summary>
    public IReadOnlyList<int> FeatureDimensions { get; }

    /// <summary>Graph options used when the input has no precomputed graph columns.</summary>
    public ConversationGraphOptions GraphOptions { get; }

    /// <summary>Past / future window p / f of the speaker-relation graph (spec §2.2).</summary>
    public (int Past, int Future) SpeakerWindow { get; }

    /// <summary>The training run (seed, epochs, history); null for a model loaded from a file.</summary>
    public ElrGnnTrainingSummary? Training { get; }

    /// <summary>
    /// .NET threads one <c>Transform</c> (or conversation predictor call) uses to score its batches of conversations
    /// at once. Default: <see cref="Environment.ProcessorCount"/>; range 1..1024. Scores do not depend on it (each
    /// batch runs on one libtorch thread, and batches are cut the same way whatever the count), so it only trades
    /// one call's latency against other concurrent callers; it is a run-time setting and is not saved.
    /// </summary>
    public int ScoringThreads
    {
        get => _scoringThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024);
            _scoringThreads = value;
        }
    }

    /// <summary>Network shapes and switches.</summary>
    public NetworkConfig NetworkConfig => _network.Config;

    static ModelFormat IModelLoadable<ElrGnnTransformer>.Format => ModelFormat;

    /// <summary>The trained network (read-only use: the streaming path of <c>ConversationStream</c> runs its parts).</summary>
    internal ElrGnnNetwork Network => _network;

    /// <summary>Frees the network's native tensors.</summary>
    public void Dispose() => _network.Dispose();

    /// <summary>The two appended columns for these labels.</summary>
    internal static IReadOnlyList<AppendedColumnDefinition> OutputColumns(IReadOnlyList<string> labels) =>
    [
        AppendedColumnDefinition.Vector(ScoreColumnName, NumberDataViewType.Single, labels.Count, labels),
        AppendedColumnDefinition.Key(PredictedLabelColumnName, labels),
    ];

    /// <summary>
    /// Scores conversations already in the trainer's layout: per conversation, an N × C row-major matrix of
    /// probabilities. Thread-safe and lock-free: the network stays in evaluation mode and is only read, so concurrent
    /// calls run in parallel and give the same bits as one at a time.
    /// </summary>
    internal float[][] Score(IReadOnlyList<Conversation> conversations, IReadOnlyList<SparseRows> propagation)
    {
        var items = BatchItem.ForNetwork(_network.Config, conversations, propagation, SpeakerWindow);
        return NetworkPredictor.PredictProbabilities(_network, items, NetworkPredictor.DefaultBatchSize, ScoringThreads);
    }

    private protected override IReadOnlyList<AppendedColumnDefinition> GetAppendedColumns(DataViewSchema inputSchema)
    {
        Reader().ValidateSchema(inputSchema);
        return OutputColumns(LabelNames);
    }

    private protected override IReadOnlyList<string> GetInputColumnNames() =>
        [Columns.ConversationId, Columns.Turn, Columns.Speaker, .. Columns.Features];

    private protected override IReadOnlyList<AppendedColumnValues> ComputeAll(IDataView input)
    {
        var set = Reader().Read(input);
        var probabilities = Score(set.Conversations, PropagationSource.Get(input, set, GraphOptions));
        return RowOrderOutputs(set, probabilities);
    }

    private protected override Func<IReadOnlyList<AppendedColumnValues>> BindRow(DataViewRow input)
    {
        var read = SingleRowConversation.Reader(input, Columns.Turn, Columns.Speaker, Columns.Features, FeatureDimensions);
        var selfOnly = SingleRowConversation.Propagation(GraphOptions);
        return () =>
        {
            var conversation = read();
            var set = new ConversationSet([conversation], LabelMap.Empty, Columns.Features, FeatureDimensions, rowCount: 1);
            return RowOrderOutputs(set, Score([conversation], [selfOnly]));
        };
    }

    /// <summary>Scores and predicted classes in input row order: one matrix for all rows, no array per row.</summary>
    private List<AppendedColumnValues> RowOrderOutputs(ConversationSet set, float[][] probabilities)
    {
        int c = LabelNames.Count;
        int rows = checked((int)set.RowCount);
        var scores = new float[(long)rows * c];
        var predicted = new int[rows];
        for (int k = 0; k < set.Conversations.Count; k++)
        {
            var rowIds = set.Conversations[k].RowIds;
            var labels = NetworkPredictor.ArgMax(probabilities[k], c);
            for (int i = 0; i < rowIds.Length; i++)
            {
                probabilities[k].AsSpan(i * c, c).CopyTo(scores.AsSpan((int)rowIds[i] * c, c));
                predicted[rowIds[i]] = labels[i];
            }
        }
        return [new RowMatrixColumnValues(scores, rows, c), AppendedColumnValues.Keys(predicted)];
    }

    private protected override void SaveModel(ModelWriter writer)
    {
        var w = writer.Writer;
        w.WriteStringArray(LabelNames);
        w.Write(Columns.ConversationId);
        w.Write(Columns.Turn);
        w.Write(Columns.Speaker);
        w.WriteStringArray(Columns.Features);
        w.Write(FeatureDimensions.Count);
        foreach (var d in FeatureDimensions)
            w.Write(d);
        w.Write(ConversationGraphTransformer.ToJson(GraphOptions));
        w.Write(SpeakerWindow.Past);
        w.Write(SpeakerWindow.Future);
        writer.WriteStream(NetworkEntry, b => NetworkWeights.Save(_network, b.BaseStream));
    }

    static ElrGnnTransformer IModelLoadable<ElrGnnTransformer>.Load(IHostEnvironment env, ModelReader reader)
    {
        var r = reader.Reader;
        var labels = r.ReadStringArray("label names");
        if (labels.Length == 0)
            throw new InvalidDataException("The model has no labels.");
        var columns = new ElrGnnColumns(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadStringArray("feature columns"));
        int count = r.ReadInt32InRange("feature dimension count", 0, 64);
        if (count != columns.Features.Count)
            throw new InvalidDataException($"{count} feature dimensions for {columns.Features.Count} feature columns.");
        var dims = Enumerable.Range(0, count).Select(_ => r.ReadInt32InRange("feature dimension", 1, 1 << 20)).ToArray();
        var graph = ConversationGraphTransformer.FromJson(r.ReadString());
        var window = (r.ReadInt32InRange("past window", 0, 1 << 16), r.ReadInt32InRange("future window", 0, 1 << 16));
        ElrGnnNetwork? network = null;
        reader.ReadStream(NetworkEntry, b => network = NetworkWeights.Load(b.BaseStream));
        if (network is null)
            throw new InvalidDataException("The model has no network weights.");
        if (network.Config.ClassCount != labels.Length || !network.Config.ModalityDimensions.SequenceEqual(dims))
            throw new InvalidDataException($"The network ({network.Config}) does not match {labels.Length} labels and features {string.Join("+", dims)}.");
        return new ElrGnnTransformer(env, network, labels, columns, dims, graph, window, training: null);
    }

    /// <summary>Reads conversations in the layout this model scores (its columns and feature widths).</summary>
    internal ConversationReader Reader() => Columns.Reader(featureDimensions: FeatureDimensions);
}
