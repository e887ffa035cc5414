using System.IO.Compression;
using ElrGnn.MLNet.Persistence;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>Damaged or foreign model files fail with one exception type that says "corrupt or incompatible".</summary>
[TestClass]
public sealed class CorruptModelTests
{
    // Offsets in ML.NET's 256-byte model header (Microsoft.ML.Core ModelHeader, stable since ML.NET 1.0).
    private const int ModelSignatureOffset = 0x40;
    private const int ModelVersionWrittenOffset = 0x48;
    private const int ModelVersionReadableOffset = 0x4C;
    private const int LoaderSignatureOffset = 0x50;

    [TestMethod]
    public void RandomBytes_AreReportedAsCorrupt()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "random.zip");
        var bytes = new byte[4096];
        new Random(11).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        AssertCorrupt(path);
    }

    [TestMethod]
    public void TruncatedZip_IsReportedAsCorrupt()
    {
        var path = SavedModel();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        AssertCorrupt(path);
    }

    [TestMethod]
    public void TruncatedWeightsEntry_IsReportedWithTheEntryName()
    {
        var path = SavedModel();
        RewriteEntry(path, CentroidTransformer.CentroidsEntry, b => b[..(b.Length - 4)]);

        var ex = AssertCorrupt(path);
        StringAssert.Contains(ex.Message, "Centroids");
        StringAssert.Contains(ex.Message, "ElrGnnTestCentroid");
    }

    [TestMethod]
    public void AlteredWeightsEntry_FailsTheHashCheck()
    {
        var path = SavedModel();
        RewriteEntry(path, CentroidTransformer.CentroidsEntry, b => { b[^1] ^= 0x5A; return b; });

        StringAssert.Contains(AssertCorrupt(path).Message, "hash");
    }

    [TestMethod]
    public void MissingWeightsEntry_IsReportedAsMissing()
    {
        var path = SavedModel();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            FindEntry(zip, CentroidTransformer.CentroidsEntry).Delete();

        StringAssert.Contains(AssertCorrupt(path).Message, "missing");
    }

    [TestMethod]
    public void NewerVersion_IsReportedAsIncompatible()
    {
        var path = SavedModel();
        RewriteEntry(path, "Model.key", b =>
        {
            BitConverter.TryWriteBytes(b.AsSpan(ModelVersionWrittenOffset), 0x00020001u);
            BitConverter.TryWriteBytes(b.AsSpan(ModelVersionReadableOffset), 0x00020001u);
            return b;
        });

        StringAssert.Contains(AssertCorrupt(path).Message, "too new");
    }

    [TestMethod]
    public void WrongModelSignature_IsReportedAsUnknownFormat()
    {
        var path = SavedModel();
        RewriteEntry(path, "Model.key", b => { "NOTOURS!"u8.CopyTo(b.AsSpan(ModelSignatureOffset)); return b; });

        StringAssert.Contains(AssertCorrupt(path).Message, "Unknown file type");
    }

    [TestMethod]
    public void WrongLoaderSignature_IsReportedAsIncompatible()
    {
        var path = SavedModel();
        RewriteEntry(path, "Model.key", b => { "Nobody"u8.CopyTo(b.AsSpan(LoaderSignatureOffset)); return b; });

        AssertCorrupt(path);
    }

    [TestMethod]
    public void CorruptModel_InAFreshProcess_ExitsWithTheModelFileError()
    {
        var path = SavedModel();
        RewriteEntry(path, CentroidTransformer.CentroidsEntry, b => b[..8]);
        var input = Path.Combine(Path.GetDirectoryName(path)!, "input.csv");
        File.WriteAllLines(input, ["Features", "0;3"]);

        var result = ModelProbeRunner.Run(path, input, "--register-assembly", typeof(CentroidTransformer).Assembly.Location);

        Assert.AreEqual(2, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stderr, "corrupt or incompatible");
    }

    [TestMethod]
    public void MissingFile_IsNotReportedAsCorrupt()
    {
        Assert.ThrowsExactly<FileNotFoundException>(() =>
            ElrGnnComponents.Load(new MLContext(), Path.Combine(TestPaths.NewTempDir(), "absent.zip"), out _));
    }

    private static string SavedModel()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        return CentroidPipeline.Save(mlContext, model, data);
    }

    private static ModelFileException AssertCorrupt(string path)
    {
        var mlContext = new MLContext();
        LoadableRegistry.Register<CentroidTransformer>(mlContext);
        var ex = Assert.ThrowsExactly<ModelFileException>(() => ElrGnnComponents.Load(mlContext, path, out _));
        StringAssert.Contains(ex.Message, "corrupt or incompatible");
        return ex;
    }

    // The entry of our transformer's folder: the one beside (or being) its Centroids entry.
    private static ZipArchiveEntry FindEntry(ZipArchive zip, string name)
    {
        var weights = zip.Entries.Single(e => e.FullName.EndsWith("/" + CentroidTransformer.CentroidsEntry, StringComparison.Ordinal));
        var folder = weights.FullName[..(weights.FullName.Length - CentroidTransformer.CentroidsEntry.Length)];
        return zip.GetEntry(folder + name) ?? throw new AssertFailedException($"no entry {folder + name}");
    }

    private static void RewriteEntry(string path, string name, Func<byte[], byte[]> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = FindEntry(zip, name);
        byte[] bytes;
        using (var read = entry.Open())
        using (var copy = new MemoryStream())
        {
            read.CopyTo(copy);
            bytes = change(copy.ToArray());
        }
        var fullName = entry.FullName;
        entry.Delete();
        using var write = zip.CreateEntry(fullName).Open();
        write.Write(bytes);
    }
}
