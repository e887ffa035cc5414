using System.Text.Json;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Hosting;
using ElrGnn.MLNet.Orleans;
using ElrGnn.MLNet.Prediction;

namespace ElrGnn.WebApi;

/// <summary>The HTTP routes: POST /predict, POST /conversations/{id}/turns, DELETE /conversations/{id}.</summary>
internal static class ServiceEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/predict", PredictAsync)
            .WithName("Predict")
            .WithSummary("Emotion of every turn of one or more whole conversations (each turn scored with its whole conversation).")
            .Accepts<JsonElement>("application/json")
            .Produces<PredictResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapPost("/conversations/{id}/turns", AddTurnAsync)
            .WithName("AddTurn")
            .WithSummary("Adds a turn to a live conversation; returns its emotion given the turns so far.")
            .Accepts<JsonElement>("application/json")
            .Produces<TurnPrediction>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapDelete("/conversations/{id}", EndAsync)
            .WithName("EndConversation")
            .WithSummary("Forgets a live conversation.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PredictAsync(HttpRequest request, ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput> pool,
        CancellationToken cancellationToken)
    {
        var (body, bad) = await ReadBodyAsync(request, cancellationToken);
        if (bad is not null)
            return bad;
        var elements = body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : [body];
        if (elements.Count == 0)
            return Problem(new TurnProblem("body", "The body holds no utterances."));

        using var lease = pool.Rent();
        var info = lease.Model.Info;
        var rows = new List<ConversationTurnInput>(elements.Count);
        var nextTurn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < elements.Count; i++)
        {
            var item = TurnJson.Read(elements[i], $"item {i}", needsId: true, out var problem);
            if (item is null)
                return Problem(problem!, body.ValueKind == JsonValueKind.Array ? i : null);
            string id = item.ConversationId!;
            int turn = item.Turn.Turn ?? nextTurn.GetValueOrDefault(id);
            nextTurn[id] = turn + 1;
            if (TurnValidation.Check(id, turn, item.Turn, info) is { } invalid)
                return Problem(invalid, i, id, turn);
            rows.Add(TurnValidation.FitToSchema(item.Turn.ToInput(id, turn), lease.Model.InputSchema));
        }
        IReadOnlyList<ConversationTurnOutput> outputs;
        try
        {
            outputs = pool.Predict(rows);
        }
        catch (ConversationDataException e)
        {
            return Problem(new TurnProblem(e.Column ?? "body", e.Message), null, e.ConversationId, e.Turn);
        }
        var explanations = Explain(lease.Predictor, rows);
        return Results.Ok(new PredictResponse
        {
            ModelVersion = lease.Model.Version,
            Predictions = rows.Select((row, i) => new UtteranceResult
            {
                Prediction = TurnPrediction.From(row.DialogueId, row.Turn, row.Speaker, outputs[i].Score, info.LabelNames),
                Context = explanations.GetValueOrDefault((row.DialogueId, row.Turn))?.TurnContributions,
            }).ToList(),
        });
    }

    private static async Task<IResult> AddTurnAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, bad) = await ReadBodyAsync(request, cancellationToken);
        if (bad is not null)
            return bad;
        var item = TurnJson.Read(body, $"conversation '{id}' new turn", needsId: false, out var problem);
        if (item is null)
            return Problem(problem!, null, id);
        if (item.ConversationId is { } other && other != id)
            return Problem(new TurnProblem("dialogue_id", $"conversation '{id}': the turn names conversation '{other}'."), null, id);
        var result = await grains.GetGrain<IConversationGrain>(id).AddTurnAsync(item.Turn);
        return result.Prediction is { } prediction ? Results.Ok(prediction) : Problem(result.Problem!, null, id, result.Problem!.Turn ?? item.Turn.Turn);
    }

    private static async Task<IResult> EndAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<IConversationGrain>(id).EndAsync()
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown conversation",
                detail: $"No live conversation '{id}'.", extensions: new Dictionary<string, object?> { ["conversation"] = id });

    // The turns that drove each prediction (ConversationPredictor.Explain), keyed by conversation and turn.
    private static Dictionary<(string, int), UtteranceExplanation> Explain(ConversationPredictor<ConversationTurnInput, ConversationTurnOutput> predictor,
        IReadOnlyList<ConversationTurnInput> rows) =>
        predictor.Explain(rows).SelectMany(c => c.Utterances.Select(u => (Key: (c.ConversationId, u.Turn), u)))
            .ToDictionary(x => x.Key, x => x.u);

    private static async Task<(JsonElement Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { AllowTrailingCommas = true }, cancellationToken);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Problem(new TurnProblem("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}")));
        }
    }

    private static IResult Problem(TurnProblem problem, int? item = null, string? conversation = null, int? turn = null) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: problem.Message,
            extensions: new Dictionary<string, object?>
            {
                ["field"] = problem.Field,
                ["item"] = item,
                ["conversation"] = conversation,
                ["turn"] = turn,
            });
}
