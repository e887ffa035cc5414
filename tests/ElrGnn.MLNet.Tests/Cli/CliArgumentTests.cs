namespace ElrGnn.MLNet.Tests.Cli;

[TestClass]
public sealed class CliArgumentTests
{
    [TestMethod]
    [DataRow(new[] { "train", "--epochs", "0" }, "--epochs must be at least 1")]
    [DataRow(new[] { "train", "--dataset", "iemocapp" }, "'iemocapp' not recognized")]
    [DataRow(new[] { "train", "--modalities", "text,smell" }, "unknown modality 'smell'")]
    [DataRow(new[] { "train", "--device", "tpu" }, "--device must be cpu, cuda or cuda:<index>")]
    [DataRow(new[] { "train", "--no-such-option" }, "Unrecognized command or argument '--no-such-option'")]
    [DataRow(new[] { "train", "--data", "/no/such/folder/utterances.csv" }, "No data file or folder at '/no/such/folder/utterances.csv'")]
    [DataRow(new[] { "evaluate" }, "Option '--model' is required")]
    [DataRow(new[] { "train", "--synthetic-conversations", "20", "--trainer-option", "Warp=9" }, "--trainer-option 'Warp': not a number, bool or enum option")]
    [DataRow(new[] { "train", "--synthetic-conversations", "20", "--trainer-option", "Dropout=lots" }, "--trainer-option Dropout=lots: not a valid Double")]
    [DataRow(new[] { "train", "--synthetic-conversations", "20", "--trainer-option", "LateFusion=Tea" }, "(Representation, Logit)")]
    [DataRow(new[] { "train", "--synthetic-conversations", "20", "--encoder-option", "Warp=9" }, "--encoder-option 'Warp': not a number, bool or enum option")]
    [DataRow(new[] { "bench", "--seeds", "0" }, "--seeds must be at least 1")]
    [DataRow(new[] { "bench", "--synthetic-conversations", "40", "--runs", "encoder_only" }, "encoder_only needs a fine-tuned text encoder")]
    [DataRow(new[] { "predict", "--model", "/no/such/model.zip", "--input", "/no/such/input.json" }, "No input file at '/no/such/input.json'")]
    public void BadArguments_ExitOneWithAClearMessageAndNoStackTrace(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, message);
        Assert.DoesNotContain("   at ", result.Stderr, "no stack trace");
    }

    [TestMethod]
    public void Predict_ModelThatIsNotAZip_ExitsOneSayingTheFileIsCorrupt()
    {
        var dir = TestPaths.NewTempDir();
        var model = Path.Combine(dir, "model.zip");
        File.WriteAllText(model, "not a zip");
        var input = Path.Combine(dir, "input.json");
        File.WriteAllText(input, """[{"dialogue_id": "a", "speaker": "A", "text": "hi"}]""");

        var result = CliRunner.Run(["predict", "--model", model, "--input", input]);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "corrupt or incompatible");
    }

    [TestMethod]
    public void Help_ListsTheFourCommands()
    {
        var result = CliRunner.Run(["--help"]).Succeeded();

        foreach (var command in new[] { "train", "evaluate", "predict", "bench" })
            StringAssert.Contains(result.Stdout, command);
    }
}
