using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Prediction.Streaming;

namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>Π's newest row pushed from one source on the prefix equals row t of the full precompute, bit for bit.</summary>
[TestClass]
public sealed class PrefixPropagationTests
{
    public static IEnumerable<object[]> Options() =>
    [
        ["default", new ConversationGraphOptions()],
        ["MELD preset", ConversationGraphOptions.ForMeld()],
        ["hop orders", new ConversationGraphOptions { DilationMode = DilationMode.HopOrders, HopOrderPastWindow = 3, HopOrderFutureWindow = 5 }],
        ["speaker links", new ConversationGraphOptions { SpeakerLinks = true }],
        ["renormalised, k = 4", new ConversationGraphOptions { RenormalizeRows = true, TopK = 4 }],
        ["exact push", new ConversationGraphOptions { RMax = 0, Order = 3 }],
    ];

    [TestMethod]
    [DynamicData(nameof(Options))]
    public void LastRow_EveryPrefix_EqualsTheFullPrecomputesRow(string what, ConversationGraphOptions options)
    {
        var random = new Random(3);
        var speakers = Enumerable.Range(0, 150).Select(_ => random.Next(3)).ToArray();
        var push = new PrefixPropagation(options);
        for (int t = 0; t < speakers.Length; t++)
        {
            var full = ConversationGraphPrecompute.RunOne(speakers[..(t + 1)], options);
            var (columns, weights) = push.LastRow(speakers[..(t + 1)]);
            int begin = full.RowPtr[t], end = full.RowPtr[t + 1];
            CollectionAssert.AreEqual(full.Column[begin..end], columns, $"{what}, t = {t}: columns");
            CollectionAssert.AreEqual(full.Weight[begin..end].Select(BitConverter.SingleToInt32Bits).ToArray(),
                weights.Select(BitConverter.SingleToInt32Bits).ToArray(), $"{what}, t = {t}: weights");
        }
    }
}
