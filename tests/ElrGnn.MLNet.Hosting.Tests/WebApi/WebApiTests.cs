using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ElrGnn.MLNet.Orleans;

namespace ElrGnn.MLNet.Hosting.Tests.WebApi;

[TestClass]
public sealed class WebApiTests
{
    private static ServiceFactory? _factory;
    private static HttpClient? _client;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        _factory = new ServiceFactory(TinyModel.CopyToTemp(TinyModel.First));
        _client = _factory.CreateClient();
    }

    [ClassCleanup]
    public static void Stop() => _factory?.Dispose();

    private static HttpClient Client => _client!;

    [TestMethod]
    public async Task Predict_TwoConversations_ReturnsEveryTurnsEmotionInInputOrder()
    {
        var conversations = TinyModel.Conversations().Take(2).ToList();
        var rows = conversations.SelectMany(c => c).ToList();
        var response = await Client.PostAsync("/predict", Json(new JsonArray([.. rows.Select(r => RowJson(r))])));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var predictions = body["predictions"]!.AsArray();
        Assert.HasCount(rows.Count, predictions);
        var expected = TinyModel.LoadPredictor(TinyModel.First).Predict(rows);
        var labels = TinyModel.LabelNames(TinyModel.First);
        for (int i = 0; i < rows.Count; i++)
        {
            var prediction = predictions[i]!["prediction"]!;
            Assert.AreEqual(rows[i].DialogueId, (string?)prediction["conversationId"]);
            Assert.AreEqual(rows[i].Turn, (int)prediction["turn"]!);
            for (int k = 0; k < labels.Count; k++)
                Assert.AreEqual(expected[i].Score[k], (float)prediction["probabilities"]![labels[k]]!, 1e-6, $"row {i} class {k}");
        }
        // Each turn lists the context turns that drove it (ConversationPredictor.Explain), never its own turn.
        for (int i = 0; i < rows.Count; i++)
        {
            var context = predictions[i]!["context"]!.AsArray();
            int others = rows.Count(r => r.DialogueId == rows[i].DialogueId) - 1;
            Assert.HasCount(Math.Min(3, others), context, $"row {i}");
            foreach (var turn in context)
                Assert.AreNotEqual(rows[i].Turn, (int)turn!["turn"]!, $"row {i}");
        }
    }

    [TestMethod]
    public async Task LiveConversation_EachTurn_ReturnsNewestEmotionGivenTurnsSoFar()
    {
        var conversation = TinyModel.Conversations()[2];
        string id = $"live-{Guid.NewGuid():N}";
        var predictor = TinyModel.LoadPredictor(TinyModel.First);
        var labels = TinyModel.LabelNames(TinyModel.First);
        for (int t = 0; t < conversation.Count; t++)
        {
            var response = await Client.PostAsync($"/conversations/{id}/turns", Json(RowJson(conversation[t], withId: false)));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
            var prediction = (await response.Content.ReadFromJsonAsync<TurnPrediction>())!;
            Assert.AreEqual(conversation[t].Turn, prediction.Turn);
            var soFar = conversation.Take(t + 1).Select(r => new ConversationTurnInput
            { DialogueId = id, Turn = r.Turn, Speaker = r.Speaker, Text = r.Text, Audio = r.Audio, Visual = r.Visual }).ToList();
            var expected = predictor.Predict(soFar)[^1].Score;
            for (int k = 0; k < labels.Count; k++)
                Assert.AreEqual(expected[k], prediction.Probabilities[labels[k]], ScoreAssert.StreamTolerance, $"turn {t} class {k}");
        }
        Assert.AreEqual(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/conversations/{id}")).StatusCode);
    }

    [TestMethod]
    public async Task Predict_MalformedJson_Returns400NamingTheBody()
    {
        var response = await Client.PostAsync("/predict", new StringContent("[{\"dialogue_id\": \"a\", ", System.Text.Encoding.UTF8, "application/json"));
        var problem = await Problem(response);
        Assert.AreEqual("body", (string?)problem["field"]);
    }

    [TestMethod]
    public async Task Predict_FeatureOfWrongLength_Returns400NamingFieldConversationAndTurn()
    {
        var row = TinyModel.Conversations()[0][1];
        var json = RowJson(row);
        json["features"]!["Audio"] = new JsonArray(1, 2);
        var problem = await Problem(await Client.PostAsync("/predict", Json(new JsonArray(json))));
        Assert.AreEqual("features.Audio", (string?)problem["field"]);
        Assert.AreEqual(row.DialogueId, (string?)problem["conversation"]);
        Assert.AreEqual(row.Turn, (int)problem["turn"]!);
        Assert.Contains($"turn {row.Turn}", (string)problem["detail"]!);
    }

    [TestMethod]
    public async Task LiveTurn_BadSpeakerType_Returns400AndOtherConversationsContinue()
    {
        var rows = TinyModel.Conversations()[1];
        string good = $"good-{Guid.NewGuid():N}", bad = $"bad-{Guid.NewGuid():N}";
        Assert.AreEqual(HttpStatusCode.OK, (await Client.PostAsync($"/conversations/{good}/turns", Json(RowJson(rows[0], withId: false)))).StatusCode);
        var wrong = RowJson(rows[0], withId: false);
        wrong["speaker"] = new JsonArray();
        var problem = await Problem(await Client.PostAsync($"/conversations/{bad}/turns", Json(wrong)));
        Assert.AreEqual("speaker", (string?)problem["field"]);
        Assert.AreEqual(bad, (string?)problem["conversation"]);
        Assert.AreEqual(HttpStatusCode.OK, (await Client.PostAsync($"/conversations/{good}/turns", Json(RowJson(rows[1], withId: false)))).StatusCode);
    }

    [TestMethod]
    public async Task LiveTurn_NaNFeatureWithoutTurnNumber_Returns400NamingTheAssignedTurn()
    {
        var rows = TinyModel.Conversations()[3];
        string id = $"nan-{Guid.NewGuid():N}";
        var first = RowJson(rows[0], withId: false);
        first.Remove("turn");
        Assert.AreEqual(HttpStatusCode.OK, (await Client.PostAsync($"/conversations/{id}/turns", Json(first))).StatusCode);
        var second = RowJson(rows[1], withId: false);
        second.Remove("turn");
        second["features"]!["Visual"]![2] = JsonValue.Create("x");
        var parse = await Problem(await Client.PostAsync($"/conversations/{id}/turns", Json(second)));
        Assert.AreEqual("features.Visual", (string?)parse["field"]);

        second["features"]!["Visual"]![2] = 1e39; // overflows float: not finite
        var problem = await Problem(await Client.PostAsync($"/conversations/{id}/turns", Json(second)));
        Assert.AreEqual("features.Visual", (string?)problem["field"]);
        Assert.AreEqual(1, (int)problem["turn"]!);
    }

    [TestMethod]
    public async Task Delete_UnknownConversation_Returns404()
    {
        var response = await Client.DeleteAsync($"/conversations/unknown-{Guid.NewGuid():N}");
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    public async Task HealthAndOpenApi_AreServed()
    {
        Assert.AreEqual(HttpStatusCode.OK, (await Client.GetAsync("/health")).StatusCode);
        var openApi = await Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/conversations/{id}/turns", openApi);
        Assert.Contains("/predict", openApi);
    }

    internal static JsonObject RowJson(ConversationTurnInput row, bool withId = true)
    {
        var json = new JsonObject
        {
            ["turn"] = row.Turn,
            ["speaker"] = row.Speaker,
            ["text"] = "",
            ["features"] = new JsonObject
            {
                ["Text"] = new JsonArray([.. row.Text.Select(v => (JsonNode)v)]),
                ["Audio"] = new JsonArray([.. row.Audio.Select(v => (JsonNode)v)]),
                ["Visual"] = new JsonArray([.. row.Visual.Select(v => (JsonNode)v)]),
            },
        };
        if (withId)
            json["dialogue_id"] = row.DialogueId;
        return json;
    }

    internal static StringContent Json(JsonNode node) => new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonNode> Problem(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, text);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }
}
