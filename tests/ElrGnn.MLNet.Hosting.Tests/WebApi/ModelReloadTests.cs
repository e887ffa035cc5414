using System.Net;
using System.Text.Json.Nodes;

namespace ElrGnn.MLNet.Hosting.Tests.WebApi;

[TestClass]
public sealed class ModelReloadTests
{
    [TestMethod]
    public async Task ModelFileReplaced_WhileRequestsRun_RequestsKeepSucceedingAndNewOnesUseTheNewModel()
    {
        using var factory = new ServiceFactory(TinyModel.CopyToTemp(TinyModel.First));
        using var client = factory.CreateClient();
        var rows = TinyModel.Conversations()[0];
        var body = new JsonArray([.. rows.Select(r => WebApiTests.RowJson(r))]);

        Assert.AreEqual(1, await PredictVersion(client, body));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var failures = new List<string>();
        var load = Task.Run(async () =>
        {
            int requests = 0;
            while (!stop.IsCancellationRequested && requests++ < 2000)
            {
                var response = await client.PostAsync("/predict", WebApiTests.Json(body));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    string text = await response.Content.ReadAsStringAsync();
                    lock (failures) failures.Add($"{response.StatusCode}: {text}");
                }
            }
        });

        TinyModel.Replace(factory.ModelPath, TinyModel.Second);
        int version = 1;
        for (int i = 0; i < 300 && version == 1; i++)
        {
            await Task.Delay(100);
            version = await PredictVersion(client, body);
        }
        stop.Cancel();
        await load;

        Assert.AreEqual(2, version, "the new model was not picked up");
        Assert.IsEmpty(failures, string.Join("\n", failures));
        var response = JsonNode.Parse(await (await client.PostAsync("/predict", WebApiTests.Json(body))).Content.ReadAsStringAsync())!;
        var expected = TinyModel.LoadPredictor(TinyModel.Second).Predict(rows);
        var labels = TinyModel.LabelNames(TinyModel.Second);
        Assert.AreEqual(expected[0].Score[0], (float)response["predictions"]![0]!["prediction"]!["probabilities"]![labels[0]]!, 1e-6);
    }

    private static async Task<int> PredictVersion(HttpClient client, JsonArray body)
    {
        var response = await client.PostAsync("/predict", WebApiTests.Json(body));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["modelVersion"]!;
    }
}
