namespace ElrGnn.MLNet.Tests;

/// <summary>Deletes this run's temporary folders once every test of the assembly has finished.</summary>
[TestClass]
public static class TempFolderCleanup
{
    [AssemblyCleanup]
    public static void DeleteRunFolders() => TestPaths.Temp.DeleteCurrentRun();
}
