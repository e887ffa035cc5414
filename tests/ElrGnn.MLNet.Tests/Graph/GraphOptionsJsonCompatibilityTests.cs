using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Transforms;

namespace ElrGnn.MLNet.Tests.Graph;

/// <summary>Graph options are stored as JSON in model files; files saved before the window rename must still load.</summary>
[TestClass]
public sealed class GraphOptionsJsonCompatibilityTests
{
    // What ConversationGraphTransformer wrote before PastWindow/FutureWindow became HopOrderPastWindow/HopOrderFutureWindow.
    private const string OldFormat = """
        {"ConversationIdColumnName":"Dialogue","TurnColumnName":"Turn","SpeakerColumnName":"Speaker","DilationMode":1,"Dilation":2,
         "DilatedLinks":4,"LocalWindow":1,"SpeakerLinks":false,"PropagationMode":0,"Alpha":0.1,"Order":6,"RMax":0.0001,"TopK":16,
         "RenormalizeRows":false,"PastWindow":3,"FutureWindow":5}
        """;

    [TestMethod]
    public void FromJson_OldWindowNames_ReadIntoHopOrderWindows()
    {
        var options = ConversationGraphTransformer.FromJson(OldFormat);

        Assert.AreEqual((3, 5), (options.HopOrderPastWindow, options.HopOrderFutureWindow));
        Assert.AreEqual(("Dialogue", DilationMode.HopOrders, 2, 16), (options.ConversationIdColumnName, options.DilationMode, options.Dilation, options.TopK));
        options.Validate();
    }

    [TestMethod]
    public void ToJson_WritesOnlyTheNewNames_AndRoundTrips()
    {
        var json = ConversationGraphTransformer.ToJson(new ConversationGraphOptions { HopOrderPastWindow = 4, HopOrderFutureWindow = 7 });

        Assert.Contains("\"HopOrderPastWindow\":4", json);
        Assert.Contains("\"HopOrderFutureWindow\":7", json);
        Assert.DoesNotContain("\"PastWindow\"", json);
        Assert.DoesNotContain("\"FutureWindow\"", json);
        var back = ConversationGraphTransformer.FromJson(json);
        Assert.AreEqual((4, 7), (back.HopOrderPastWindow, back.HopOrderFutureWindow));
    }
}
