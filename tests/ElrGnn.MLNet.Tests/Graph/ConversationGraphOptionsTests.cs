using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class ConversationGraphOptionsTests
{
    [TestMethod]
    public void Defaults_FollowSpecTable()
    {
        var o = new ConversationGraphOptions();
        Assert.AreEqual(ConversationColumns.ConversationId, o.ConversationIdColumnName);
        Assert.AreEqual(ConversationColumns.Turn, o.TurnColumnName);
        Assert.AreEqual(ConversationColumns.Speaker, o.SpeakerColumnName);
        Assert.AreEqual(DilationMode.DilatedEdges, o.DilationMode);
        Assert.AreEqual((4, 4, 1, false), (o.Dilation, o.DilatedLinks, o.LocalWindow, o.SpeakerLinks));
        Assert.AreEqual((PropagationMode.Ppr, 0.1, 6, 1e-4, 32), (o.PropagationMode, o.Alpha, o.Order, o.RMax, o.TopK));
        Assert.AreEqual((false, 10, 10), (o.RenormalizeRows, o.HopOrderPastWindow, o.HopOrderFutureWindow));
        o.Validate();
    }

    [TestMethod]
    public void Presets_DifferOnlyWhereSpecSays()
    {
        var iemocap = ConversationGraphOptions.ForIemocap();
        var meld = ConversationGraphOptions.ForMeld();
        Assert.AreEqual((32, 4), (iemocap.TopK, iemocap.Dilation));
        Assert.AreEqual((16, 2), (meld.TopK, meld.Dilation));
        Assert.AreEqual((iemocap.DilatedLinks, iemocap.LocalWindow, iemocap.Order, iemocap.Alpha, iemocap.RMax),
            (meld.DilatedLinks, meld.LocalWindow, meld.Order, meld.Alpha, meld.RMax));
        meld.Validate();
    }

    public static IEnumerable<object[]> BadValues =>
    [
        [nameof(ConversationGraphOptions.Dilation), (Action<ConversationGraphOptions>)(o => o.Dilation = 0)],
        [nameof(ConversationGraphOptions.DilatedLinks), (Action<ConversationGraphOptions>)(o => o.DilatedLinks = -1)],
        [nameof(ConversationGraphOptions.LocalWindow), (Action<ConversationGraphOptions>)(o => o.LocalWindow = -1)],
        [nameof(ConversationGraphOptions.Alpha), (Action<ConversationGraphOptions>)(o => o.Alpha = 0)],
        [nameof(ConversationGraphOptions.Alpha), (Action<ConversationGraphOptions>)(o => o.Alpha = double.NaN)],
        [nameof(ConversationGraphOptions.Order), (Action<ConversationGraphOptions>)(o => o.Order = -1)],
        [nameof(ConversationGraphOptions.Order), (Action<ConversationGraphOptions>)(o => o.Order = 65)],
        [nameof(ConversationGraphOptions.RMax), (Action<ConversationGraphOptions>)(o => o.RMax = -1e-6)],
        [nameof(ConversationGraphOptions.RMax), (Action<ConversationGraphOptions>)(o => o.RMax = double.PositiveInfinity)],
        [nameof(ConversationGraphOptions.TopK), (Action<ConversationGraphOptions>)(o => o.TopK = 0)],
        [nameof(ConversationGraphOptions.HopOrderPastWindow), (Action<ConversationGraphOptions>)(o => o.HopOrderPastWindow = -1)],
        [nameof(ConversationGraphOptions.HopOrderFutureWindow), (Action<ConversationGraphOptions>)(o => o.HopOrderFutureWindow = -1)],
        [nameof(ConversationGraphOptions.DilationMode), (Action<ConversationGraphOptions>)(o => o.DilationMode = (DilationMode)5)],
        [nameof(ConversationGraphOptions.PropagationMode), (Action<ConversationGraphOptions>)(o => o.PropagationMode = (PropagationMode)5)],
        [nameof(ConversationGraphOptions.Order), (Action<ConversationGraphOptions>)(o =>
            { o.DilationMode = DilationMode.HopOrders; o.PropagationMode = PropagationMode.Single; o.Order = 6; o.Dilation = 4; })],
    ];

    [TestMethod]
    [DynamicData(nameof(BadValues))]
    public void Validate_OutOfRangeValue_NamesTheOption(string option, Action<ConversationGraphOptions> corrupt)
    {
        var o = new ConversationGraphOptions();
        corrupt(o);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(o.Validate);
        Assert.AreEqual(option, ex.ParamName);
        StringAssert.Contains(ex.Message, option);
    }

    [TestMethod]
    public void Validate_EmptyColumnName_NamesTheOption()
    {
        var o = new ConversationGraphOptions { SpeakerColumnName = " " };
        Assert.AreEqual(nameof(ConversationGraphOptions.SpeakerColumnName), Assert.ThrowsExactly<ArgumentException>(o.Validate).ParamName);
    }

    [TestMethod]
    public void Validate_HopOrdersSingleWithMultipleOrder_IsAccepted()
    {
        new ConversationGraphOptions { DilationMode = DilationMode.HopOrders, PropagationMode = PropagationMode.Single, Order = 8, Dilation = 4 }.Validate();
    }
}
