using ElrGnn.MLNet.TestSupport;

namespace ElrGnn.MLNet.Tests.Infrastructure;

/// <summary>The tests' temporary folders are removed, so repeated CI runs cannot fill the disk.</summary>
[TestClass]
public sealed class TestRunTempFolderTests
{
    [TestMethod]
    public void AbandonedRunsAndLegacyFolders_AreDeleted_RunningRunsAreKept()
    {
        var parent = TestPaths.NewTempDir();
        string[] names = ["run-101-aaaa", "run-202-bbbb", "0f0995a398c34945b96b020131fdfe54"];
        foreach (var name in names)
        {
            Directory.CreateDirectory(Path.Combine(parent, name, "bin"));
            File.WriteAllText(Path.Combine(parent, name, "bin", "model.zip"), "x");
        }

        var deleted = TestRunTempFolder.DeleteAbandonedRuns(parent, pid => pid == 101);

        Assert.AreEqual(2, deleted);
        CollectionAssert.AreEquivalent(new[] { "run-101-aaaa" }, Directory.GetDirectories(parent).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void DeleteCurrentRun_RemovesEveryFolderItHandedOut()
    {
        var area = "elrgnn-tests-temp-" + Guid.NewGuid().ToString("N");
        var temp = new TestRunTempFolder(area);
        var first = temp.NewDirectory();
        var second = temp.NewDirectory();
        File.WriteAllText(Path.Combine(first, "a.txt"), "a");

        Assert.AreNotEqual(first, second);
        var runRoot = Path.GetDirectoryName(first)!;
        Assert.AreEqual(runRoot, Path.GetDirectoryName(second));
        Assert.AreEqual(Environment.ProcessId, TestRunTempFolder.RunProcessId(Path.GetFileName(runRoot)));
        Assert.IsTrue(TestRunTempFolder.IsProcessRunning(Environment.ProcessId));

        temp.DeleteCurrentRun();

        Assert.IsFalse(Directory.Exists(runRoot));
        Directory.Delete(temp.Parent);
    }

    [TestMethod]
    [DataRow("run-42-abc", 42)]
    [DataRow("run--abc", null)]
    [DataRow("run-x-abc", null)]
    [DataRow("0f0995a398c34945", null)]
    public void RunProcessId_ReadsOnlyRunFolderNames(string name, int? expected) =>
        Assert.AreEqual(expected, TestRunTempFolder.RunProcessId(name));
}
