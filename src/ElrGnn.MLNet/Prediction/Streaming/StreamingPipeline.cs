using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// A fitted or loaded ML.NET pipeline taken apart around its <see cref="ElrGnnTransformer"/> so one streamed turn runs
/// through it alone: the transforms before the model (e.g. <c>EmbedUtterances</c>, <c>MapValueToKey</c>) on the new row
/// only, the <see cref="ConversationGraphTransformer"/> skipped (Π's newest row is pushed incrementally), the network
/// step of <see cref="StreamingNetwork"/>, then the transforms after it (e.g. <c>MapKeyToValue</c>) on a one-row view
/// with the appended <c>Score</c> and <c>PredictedLabel</c>.
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="TryCreate"/> returns null for models it cannot take apart (no
/// ELR-GNN transformer in a flat chain, or an encoder that cannot stream); their streams rerun the whole pipeline.</remarks>
internal sealed class StreamingPipeline<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private readonly MLContext _mlContext;
    private readonly SchemaDefinition _inputDefinition;
    private readonly ITransformer[] _before;
    private readonly ITransformer[] _after;
    private readonly ElrGnnTransformer _model;

    private StreamingPipeline(MLContext mlContext, SchemaDefinition inputDefinition, ITransformer[] before,
        ElrGnnTransformer model, ITransformer[] after, StreamingNetwork network)
    {
        _mlContext = mlContext;
        _inputDefinition = inputDefinition;
        _before = before;
        _model = model;
        _after = after;
        Network = network;
    }

    /// <summary>The incremental network step.</summary>
    public StreamingNetwork Network { get; }

    /// <summary>Takes <paramref name="model"/> apart, or returns null when its streams must rerun the whole pipeline.</summary>
    public static StreamingPipeline<TInput, TOutput>? TryCreate(MLContext mlContext, ITransformer model, SchemaDefinition inputDefinition)
    {
        var steps = TransformerSteps.Flatten(model).ToList();
        int at = steps.FindIndex(s => s is ElrGnnTransformer);
        if (at < 0 || steps.Skip(at + 1).Any(s => s is ElrGnnTransformer or ConversationGraphTransformer))
            return null;
        var elrgnn = (ElrGnnTransformer)steps[at];
        if (!StreamingNetwork.CanStream(elrgnn.Network))
            return null;
        var graph = steps.Take(at).OfType<ConversationGraphTransformer>().LastOrDefault()?.Options ?? elrgnn.GraphOptions;
        var network = new StreamingNetwork(elrgnn.Network, graph, elrgnn.SpeakerWindow);
        return new StreamingPipeline<TInput, TOutput>(mlContext, inputDefinition,
            [.. steps.Take(at).Where(s => s is not ConversationGraphTransformer)], elrgnn, [.. steps.Skip(at + 1)], network);
    }

    /// <summary>Runs the transforms before the model on one row and reads it (bad values are <see cref="ConversationDataException"/>s).</summary>
    public (StreamTurn Turn, IDataView View) Read(TInput row)
    {
        var view = Before(_mlContext.Data.LoadFromEnumerable([row], _inputDefinition));
        return (ReadTurns(view).Single(), view);
    }

    /// <summary>Reads a stream's history (one conversation, in turn order) for warming a cache.</summary>
    public IReadOnlyList<StreamTurn> ReadHistory(IReadOnlyList<TInput> rows) =>
        rows.Count == 0 ? [] : ReadTurns(Before(_mlContext.Data.LoadFromEnumerable(rows, _inputDefinition)));

    /// <summary>The pipeline's output for one row given the newest turn's probabilities.</summary>
    public TOutput Output(IDataView row, float[] probabilities)
    {
        int predicted = NetworkPredictor.ArgMax(probabilities, probabilities.Length)[0];
        IDataView view = new AppendedColumnsDataView(row, ElrGnnTransformer.OutputColumns(_model.LabelNames),
            () => [AppendedColumnValues.Vectors(new[] { probabilities }), AppendedColumnValues.Keys([predicted])]);
        foreach (var step in _after)
            view = step.Transform(view);
        return _mlContext.Data.CreateEnumerable<TOutput>(view, reuseRowObject: false, ignoreMissingColumns: true).First();
    }

    private IDataView Before(IDataView view)
    {
        foreach (var step in _before)
            view = step.Transform(view);
        return view;
    }

    private StreamTurn[] ReadTurns(IDataView view)
    {
        var set = _model.Columns.Reader(featureDimensions: _model.FeatureDimensions).Read(view);
        if (set.Conversations.Count != 1)
            throw new ConversationDataException(
                $"a stream holds one conversation, but the turns belong to {set.Conversations.Count}: {string.Join(", ", set.Conversations.Select(c => $"'{c.Id}'"))}.",
                column: _model.Columns.ConversationId, conversationId: set.Conversations.FirstOrDefault()?.Id);
        var conversation = set.Conversations[0];
        for (int i = 1; i < conversation.Length; i++)
        {
            if (conversation.RowIds[i] < conversation.RowIds[i - 1])
                throw new ConversationDataException($"a stream's history must come in turn order; turn {conversation.Turns[i]} comes after a later turn.",
                    _model.Columns.Turn, conversation.Id, conversation.Turns[i]);
        }
        var dims = _model.FeatureDimensions;
        return Enumerable.Range(0, conversation.Length).Select(i => new StreamTurn(conversation.Id, conversation.Turns[i], conversation.Speakers[i],
            dims.Select((d, m) => conversation.Features[m].AsSpan(i * d, d).ToArray()).ToArray())).ToArray();
    }

    /// <summary>Column names used in error messages.</summary>
    public ElrGnnColumns Columns => _model.Columns;
}
