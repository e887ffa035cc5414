namespace ElrGnn.MLNet.Hosting.Tests;

/// <summary>Deletes this run's temporary folders once every test of the assembly has finished.</summary>
[TestClass]
public static class TempFolderCleanup
{
    [AssemblyCleanup]
    public static void DeleteRunFolders() => TinyModel.Temp.DeleteCurrentRun();
}
