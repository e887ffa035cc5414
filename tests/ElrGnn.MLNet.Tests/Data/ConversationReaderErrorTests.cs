using ElrGnn.MLNet.Data;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Data;

[TestClass]
public sealed class ConversationReaderErrorTests
{
    [TestMethod]
    public void Read_NaNFeature_NamesColumnConversationAndTurn()
    {
        var rows = Good();
        rows[2].Audio[0] = float.NaN;

        var e = ReaderTestData.ReadExpectingError(rows);

        AssertNames(e, "Audio", "a", 2);
        StringAssert.Contains(e.Message, "NaN");
    }

    [TestMethod]
    public void Read_PositiveInfinityFeature_NamesColumnConversationAndTurn()
    {
        var rows = Good();
        rows[3].Text[1] = float.PositiveInfinity;

        var e = ReaderTestData.ReadExpectingError(rows);

        AssertNames(e, "Text", "b", 0);
    }

    [TestMethod]
    public void Read_VariableVectorOfWrongSize_NamesColumnConversationAndTurn()
    {
        var rows = Good();
        rows[3].Audio = [1, 2];

        var e = ReaderTestData.ReadExpectingError(rows);

        AssertNames(e, "Audio", "b", 0);
        StringAssert.Contains(e.Message, "2 values but 1");
    }

    [TestMethod]
    public void Read_VectorDifferentFromExpectedDimension_NamesColumnConversationAndTurn()
    {
        var options = ReaderTestData.Options();
        options.FeatureDimensions = [2, 3];

        var e = ReaderTestData.ReadExpectingError(Good(), options);

        AssertNames(e, "Audio", "a", 1); // the first row read (row 0) is turn 1
    }

    [TestMethod]
    public void Read_MissingColumn_ListsAvailableColumns()
    {
        var options = ReaderTestData.Options();
        options.FeatureColumnNames = ["Text", "Visual"];

        var e = ReaderTestData.ReadExpectingError(Good(), options);

        Assert.AreEqual("Visual", e.Column);
        StringAssert.Contains(e.Message, "'Visual'");
        StringAssert.Contains(e.Message, "'DialogueId', 'Turn', 'Speaker', 'Label', 'Text', 'Audio'");
    }

    [TestMethod]
    public void Read_WrongColumnType_NamesColumnAndType()
    {
        var options = ReaderTestData.Options();
        options.TurnColumnName = "Speaker";

        var e = ReaderTestData.ReadExpectingError(Good(), options);

        Assert.AreEqual("Speaker", e.Column);
        StringAssert.Contains(e.Message, "String");
    }

    [TestMethod]
    public void Read_DuplicateTurns_NamesTurnColumnConversationAndTurn()
    {
        var rows = Good();
        rows[4].Turn = 0; // conversation b now has turn 0 twice

        var e = ReaderTestData.ReadExpectingError(rows);

        AssertNames(e, "Turn", "b", 0);
        StringAssert.Contains(e.Message, "twice");
    }

    [TestMethod]
    public void Read_UnknownLabelAtPrediction_NamesLabelColumnConversationAndTurn()
    {
        var rows = Good();
        rows[4].Label = "boredom";

        var e = ReaderTestData.ReadExpectingError(rows, ReaderTestData.Options(labelNames: ["joy", "sad"]));

        AssertNames(e, "Label", "b", 1);
        StringAssert.Contains(e.Message, "'boredom'");
        StringAssert.Contains(e.Message, "joy, sad");
    }

    [TestMethod]
    public void Read_MissingLabelWhenRequired_NamesLabelColumnConversationAndTurn()
    {
        var rows = Good();
        rows[1].Label = "";

        var e = ReaderTestData.ReadExpectingError(rows);

        AssertNames(e, "Label", "a", 0);
    }

    [TestMethod]
    public void Read_MissingSpeaker_NamesSpeakerColumnConversationAndTurn()
    {
        var rows = Good();
        rows[4].Speaker = " ";

        var e = ReaderTestData.ReadExpectingError(rows);

        AssertNames(e, "Speaker", "b", 1);
    }

    [TestMethod]
    public void Read_MissingConversationId_NamesColumnAndRow()
    {
        var rows = Good();
        rows[2].DialogueId = "";

        var e = ReaderTestData.ReadExpectingError(rows);

        Assert.AreEqual("DialogueId", e.Column);
        StringAssert.Contains(e.Message, "row 2");
    }

    [TestMethod]
    public void Read_ExpectedConversationWithoutRows_NamesIt()
    {
        var options = ReaderTestData.Options();
        options.ExpectedConversations = ["a", "b", "c"];

        var e = ReaderTestData.ReadExpectingError(Good(), options);

        Assert.AreEqual("c", e.ConversationId);
        StringAssert.Contains(e.Message, "conversation 'c'");
    }

    [TestMethod]
    public void Read_FractionalTurn_NamesTurnColumnAndConversation()
    {
        var rows = new[] { new MixedTypeRow { DialogueId = "x", Turn = 0.5, Speaker = "A", Label = "p", Text = [1], Audio = 1 } };
        var view = new MLContext(seed: 1).Data.LoadFromEnumerable(rows);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => ConversationReader.Read(view, ReaderTestData.Options()));

        Assert.AreEqual("Turn", e.Column);
        StringAssert.Contains(e.Message, "conversation 'x'");
    }

    [TestMethod]
    public void Constructor_FeatureDimensionsOfWrongLength_ThrowsNamingOption()
    {
        var options = ReaderTestData.Options();
        options.FeatureDimensions = [1];

        var e = Assert.ThrowsExactly<ArgumentException>(() => new ConversationReader(options));

        Assert.AreEqual(nameof(ConversationReaderOptions.FeatureDimensions), e.ParamName);
    }

    /// <summary>Conversation a: rows 0–2 (turns 1, 0, 2); b: rows 3–4 (turns 0, 1).</summary>
    private static UtteranceRow[] Good() =>
    [
        UtteranceRow.Make("a", 1, "F", "sad"),
        UtteranceRow.Make("a", 0, "M", "joy"),
        UtteranceRow.Make("a", 2, "M", "joy"),
        UtteranceRow.Make("b", 0, "M", "sad"),
        UtteranceRow.Make("b", 1, "F", "joy"),
    ];

    /// <summary>Asserts the exception names the column, conversation and turn, in its properties and message.</summary>
    internal static void AssertNames(ConversationDataException e, string column, string conversation, int turn)
    {
        Assert.AreEqual(column, e.Column);
        Assert.AreEqual(conversation, e.ConversationId);
        Assert.AreEqual(turn, e.Turn);
        StringAssert.Contains(e.Message, $"column '{column}'");
        StringAssert.Contains(e.Message, $"conversation '{conversation}'");
        StringAssert.Contains(e.Message, $"turn {turn}");
    }
}
