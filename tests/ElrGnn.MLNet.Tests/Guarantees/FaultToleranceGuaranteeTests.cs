using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using ElrGnn.MLNet.Tests.Cli;
using ElrGnn.MLNet.Training;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>
/// Promise: training cancelled (token, Ctrl-C) or killed mid-epoch resumes from its last checkpoint to the same final
/// weights as an uninterrupted run with the same seed; checkpoints are written atomically (temporary file, then rename).
/// Loop-level twins: Training/TrainingLoopTests (StopAfterEpochTwo_ThenResume…, Resume_WithOtherOptions…).
/// </summary>
[TestClass]
public sealed class FaultToleranceGuaranteeTests
{
    private static GuaranteeModel M => GuaranteeModel.Instance;

    [TestMethod]
    public void CancelledByToken_ThenResumed_GivesTheUninterruptedWeightsAndScores()
    {
        var straight = Fit(null);
        var directory = TestPaths.NewTempDir();
        using var cancel = new CancellationTokenSource();
        var (_, stoppedRun) = Fit(directory, cancel.Token, epoch => { if (epoch == 2) cancel.Cancel(); });
        var (resumed, resumedRun) = Fit(directory);

        Assert.IsTrue(stoppedRun!.Cancelled);
        Assert.AreEqual(2, stoppedRun.EpochsRun);
        Assert.IsFalse(resumedRun!.Cancelled);
        CollectionAssert.AreEqual(straight.Run!.History.Select(h => h.TrainLoss).ToArray(), resumedRun.History.Select(h => h.TrainLoss).ToArray());
        Assert.IsTrue(resumedRun.History.All(h => h.TrainSeconds > 0), "epoch times survive the checkpoint (bench medians read them)");
        CollectionAssert.AreEqual(NetworkBytes(straight.Model), NetworkBytes(resumed));
        GuaranteeModel.AssertBitIdentical(M.Scores(M.TestConversations()[0], straight.Model), M.Scores(M.TestConversations()[0], resumed), "scores");
    }

    [TestMethod]
    public void StrayTemporaryFileFromAKillDuringTheWrite_IsIgnoredAndReplaced()
    {
        var directory = TestPaths.NewTempDir();
        using var cancel = new CancellationTokenSource();
        Fit(directory, cancel.Token, epoch => { if (epoch == 2) cancel.Cancel(); });
        var before = CheckpointFile.Read(directory);
        var temporary = Path.Combine(directory, CheckpointStore.FileName + ".tmp");
        File.WriteAllBytes(temporary, [.. "ELRGNNck"u8, 1, 0]); // what a kill in the middle of a write leaves behind

        var (resumed, run) = Fit(directory);

        Assert.AreEqual(2, before.EpochsCompleted, "the complete checkpoint was not touched by the half-written one");
        Assert.IsFalse(File.Exists(temporary), "the next write replaced the stray temporary file");
        CollectionAssert.AreEqual(NetworkBytes(Fit(null).Model), NetworkBytes(resumed));
        Assert.HasCount(4, run!.History);
    }

    [TestMethod]
    public void TruncatedCheckpoint_IsReportedNamingTheFile_NotResumedFrom()
    {
        var directory = TestPaths.NewTempDir();
        using var cancel = new CancellationTokenSource();
        Fit(directory, cancel.Token, epoch => { if (epoch == 1) cancel.Cancel(); });
        var path = Path.Combine(directory, CheckpointStore.FileName);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => Fit(directory));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "damaged");
    }

    /// <summary>
    /// The CLI with --checkpoint-dir: Ctrl-C (SIGINT) after epoch 1, then a resumed run killed in the middle of the epoch
    /// after its first new checkpoint, then a run to the end: its checkpoint (weights, Adam state, best weights), model
    /// and test metrics equal an uninterrupted run's.
    /// </summary>
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void Cli_CtrlCThenKillMidEpoch_ThenResume_EqualsUninterruptedRun()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            Assert.Inconclusive("sends SIGINT");
        // Enough epochs that the signal and the kill land before the end even on a busy machine (an epoch is ~0.3 s).
        const int epochs = 20;
        string[] Args(string run) => ["train", "--synthetic-conversations", "20", "--epochs", $"{epochs}", "--seed", "4", "--learning-rate", "0.01",
            "--patience", "0", "--out", Path.Combine(run, "out"), "--checkpoint-dir", Path.Combine(run, "checkpoints")];
        var straight = TestPaths.NewTempDir();
        var interrupted = TestPaths.NewTempDir();
        var checkpoints = Path.Combine(interrupted, "checkpoints");

        var uninterrupted = CliRunner.Run(Args(straight)).Succeeded();

        // 1. Ctrl-C once the first epoch's checkpoint exists: stops after the current batch (a small epoch may be one
        //    batch, so this can be after epoch 2) and keeps the best model so far.
        using (var first = CliRunner.Start(Args(interrupted)))
        {
            var output = Drain(first);
            CheckpointFile.WaitBeyond(checkpoints, 0, () => first.HasExited);
            Assert.AreEqual(0, SendSigInt(first.Id));
            Assert.IsTrue(first.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.AreEqual(0, first.ExitCode, output());
            StringAssert.Contains(output(), "stopped by Ctrl-C");
        }
        int afterCtrlC = CheckpointFile.Read(checkpoints).EpochsCompleted;
        Assert.IsLessThan(epochs - 1, afterCtrlC);

        // 2. Resume, and kill the process as soon as its first new checkpoint appears (mid next epoch, nothing saved yet).
        File.Delete(Path.Combine(interrupted, "out", "model.zip"));
        using (var second = CliRunner.Start(Args(interrupted)))
        {
            Drain(second);
            CheckpointFile.WaitBeyond(checkpoints, afterCtrlC, () => second.HasExited);
            Assert.IsFalse(second.HasExited, "the run ended before it could be killed");
            second.Kill(entireProcessTree: true);
            second.WaitForExit();
        }
        Assert.IsFalse(File.Exists(Path.Combine(interrupted, "out", "model.zip")), "killed before the end");
        Assert.IsLessThan(epochs, CheckpointFile.Read(checkpoints).EpochsCompleted);

        // 3. Resume to the end.
        var resumed = CliRunner.Run(Args(interrupted)).Succeeded();

        var expected = CheckpointFile.Read(Path.Combine(straight, "checkpoints"));
        var actual = CheckpointFile.Read(checkpoints);
        Assert.AreEqual(epochs, actual.EpochsCompleted);
        Assert.AreEqual(expected.BestEpoch, actual.BestEpoch);
        CollectionAssert.AreEqual(expected.State, actual.State, "weights, optimizer state or best weights differ");
        CollectionAssert.AreEqual(CliNetworkBytes(straight), CliNetworkBytes(interrupted));
        Assert.AreEqual(Metric(straight, "weighted_f1"), Metric(interrupted, "weighted_f1"), $"{uninterrupted}\n{resumed}");
        Assert.IsFalse(File.Exists(Path.Combine(checkpoints, CheckpointStore.FileName + ".tmp")));
    }

    /// <summary>The tiny pipeline with 4 epochs; a checkpoint folder, a token and an epoch callback when given.</summary>
    private static (ITransformer Model, ElrGnnTrainingSummary? Run) Fit(string? directory, CancellationToken token = default, Action<int>? onEpoch = null)
    {
        var options = GuaranteeModel.TrainerOptions();
        options.MaxEpochs = 4;
        options.CheckpointDirectory = directory;
        options.CancellationToken = token;
        options.Progress = new OnEpoch(onEpoch);
        var model = GuaranteeModel.Pipeline(new MLContext(seed: 1), options).Fit(M.Train);
        return (model, ((IEnumerable<ITransformer>)model).OfType<Transforms.ElrGnnTransformer>().Single().Training);
    }

    private static byte[] NetworkBytes(ITransformer model) => ReproducibilityGuaranteeTests.NetworkBytes(model);

    private static byte[] CliNetworkBytes(string run)
    {
        var path = Path.Combine(run, "out", "model.zip");
        using var zip = ZipFile.OpenRead(path);
        return ModelZip.Read(path, zip.Entries.Single(e => e.FullName.EndsWith("/ElrGnnNetwork", StringComparison.Ordinal)).FullName);
    }

    private static double Metric(string run, string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "out", "metrics.json")));
        return json.RootElement.GetProperty(name).GetDouble();
    }

    // Reads the child's output as it comes, so a full pipe never blocks it; returns what was read so far.
    private static Func<string> Drain(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return () => process.HasExited ? stdout.Result + stderr.Result : "";
    }

    private static int SendSigInt(int pid) => Kill(pid, 2);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Reports synchronously on the training thread.</summary>
    private sealed class OnEpoch(Action<int>? action) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => action?.Invoke(value.Epoch);
    }
}
