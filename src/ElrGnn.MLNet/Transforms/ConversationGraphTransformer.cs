using System.Text.Json;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Precomputes ELR-GNN's emotion propagation Π (dilated generalized forward push with top-k, spec §2.3) once per
/// conversation and appends it to every utterance row as <see cref="GraphColumns.NeighborTurns"/> and
/// <see cref="GraphColumns.Weights"/>. Π depends only on turn positions and speakers, never on learned features,
/// so it is computed here once and reused by every training epoch.
/// </summary>
/// <remarks>
/// Rows may come in any order; conversations are grouped by id and ordered by turn, and the output keeps the
/// input's row order. A <c>PredictionEngine</c> sees one row at a time and so treats it as a one-utterance
/// conversation (Π = self); use the conversation predictor for context.
/// <code>
/// *** Binary format ***
///   string   graph options as JSON (ConversationGraphOptions, property names as in the class)
/// </code>
/// </remarks>
public sealed class ConversationGraphTransformer : AppendingTransformerBase, IModelLoadable<ConversationGraphTransformer>
{
    private static readonly ModelFormat ModelFormat = new("ELRGGRPH", "ElrGnnConversationGraph", 0x00010001, 0x00010001, 0x00010001);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    internal ConversationGraphTransformer(IHostEnvironment env, ConversationGraphOptions options) : base(env, ModelFormat)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = Clone(options);
    }

    /// <summary>The graph options in effect (a copy; changing it does not change the transformer).</summary>
    public ConversationGraphOptions Options { get; }

    static ModelFormat IModelLoadable<ConversationGraphTransformer>.Format => ModelFormat;

    static ConversationGraphTransformer IModelLoadable<ConversationGraphTransformer>.Load(IHostEnvironment env, ModelReader reader)
    {
        var options = FromJson(reader.Reader.ReadString());
        try
        {
            return new ConversationGraphTransformer(env, options);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Saved graph options are invalid: {e.Message}", e);
        }
    }

    /// <summary>Computes Π for each of <paramref name="conversations"/>, in order.</summary>
    internal static IReadOnlyList<SparseRows> Precompute(IReadOnlyList<Conversation> conversations, ConversationGraphOptions options,
        IProgress<int>? progress = null, CancellationToken cancellation = default)
        => ConversationGraphPrecompute.Run(conversations.Select(c => c.SpeakerIndex).ToList(), options, progress, cancellation);

    internal static string ToJson(ConversationGraphOptions options) => JsonSerializer.Serialize(options, Json);

    internal static ConversationGraphOptions FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConversationGraphOptions>(json, Json)
                ?? throw new InvalidDataException("Graph options are empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Graph options are not valid JSON: {e.Message}", e);
        }
    }

    internal static ConversationGraphOptions Clone(ConversationGraphOptions options) => FromJson(ToJson(options));

    private protected override IReadOnlyList<AppendedColumnDefinition> GetAppendedColumns(DataViewSchema inputSchema)
    {
        Reader().ValidateSchema(inputSchema);
        var optionsJson = ToJson(Options).AsMemory();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(GraphColumns.OptionsAnnotation, TextDataViewType.Instance, (ref ReadOnlyMemory<char> dst) => dst = optionsJson);
        return
        [
            AppendedColumnDefinition.VariableVector(GraphColumns.NeighborTurns, NumberDataViewType.Int32),
            AppendedColumnDefinition.Custom(GraphColumns.Weights, new VectorDataViewType(NumberDataViewType.Single), annotations.ToAnnotations()),
        ];
    }

    private protected override IReadOnlyList<string> GetInputColumnNames() =>
        [Options.ConversationIdColumnName, Options.TurnColumnName, Options.SpeakerColumnName];

    private protected override IReadOnlyList<AppendedColumnValues> ComputeAll(IDataView input)
    {
        var set = Reader().Read(input);
        var table = new PropagationTable(set, Precompute(set.Conversations, Options));
        return [PropagationColumnValues.NeighborTurns(table), PropagationColumnValues.Weights(table)];
    }

    private protected override Func<IReadOnlyList<AppendedColumnValues>> BindRow(DataViewRow input)
    {
        var read = SingleRowConversation.Reader(input, Options.TurnColumnName, Options.SpeakerColumnName, [], []);
        var selfOnly = SingleRowConversation.Propagation(Options);
        return () =>
        {
            var conversation = read();
            var set = new ConversationSet([conversation], LabelMap.Empty, [], [], rowCount: 1);
            var table = new PropagationTable(set, [selfOnly]);
            return [PropagationColumnValues.NeighborTurns(table), PropagationColumnValues.Weights(table)];
        };
    }

    private protected override void SaveModel(ModelWriter writer) => writer.Writer.Write(ToJson(Options));

    private ConversationReader Reader() => InputReader(Options);

    /// <summary>Reads only what the graph needs: ids, turns and speakers.</summary>
    internal static ConversationReader InputReader(ConversationGraphOptions options) =>
        new ElrGnnColumns(options.ConversationIdColumnName, options.TurnColumnName, options.SpeakerColumnName, []).Reader();
}
