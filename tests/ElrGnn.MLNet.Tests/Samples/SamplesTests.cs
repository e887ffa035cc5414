using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ElrGnn.MLNet.Tests.Samples;

/// <summary>
/// Packs the library with nuget/pack.sh in a clean copy of the repository and runs every sample against the local
/// feed exactly as its README says (few epochs on the built-in synthetic data), checking what each one prints.
/// </summary>
[TestClass]
public sealed class SamplesTests
{
    private const int Epochs = 4;
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromMinutes(8);

    private static PackedRepository Packed => PackedRepository.Instance;

    [ClassCleanup]
    public static void Cleanup() => PackedRepository.Delete();

    [TestMethod]
    public void PackScript_WritesEveryPackageWithSymbolsAndMetadata()
    {
        Packed.Pack.Succeeded();
        foreach (var id in PackedRepository.PackageIds)
        {
            var nupkg = Path.Combine(Packed.Feed, $"{id}.{Packed.Version}.nupkg");
            Assert.IsTrue(File.Exists(nupkg), $"{nupkg} missing; pack output:\n{Packed.Pack}");
            Assert.IsTrue(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), "symbol package missing");

            using var zip = ZipFile.OpenRead(nupkg);
            Assert.IsNotNull(zip.GetEntry("README.md"), "package readme");
            Assert.IsNotNull(zip.GetEntry($"lib/net10.0/{id}.dll"));
            using var nuspecStream = zip.GetEntry($"{id}.nuspec")!.Open();
            var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.AreEqual(id, Field("id"));
            Assert.AreEqual(Packed.Version, Field("version"));
            Assert.AreEqual("MIT", Field("license"));
            Assert.AreEqual("README.md", Field("readme"));
            Assert.IsFalse(string.IsNullOrWhiteSpace(Field("description")));
            StringAssert.Contains(Field("tags"), "ml.net");
            StringAssert.Contains(Field("tags"), "emotion-recognition");
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.AreEqual("git", repository.Attribute("type")?.Value);
            var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
                .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
            if (id == "ElrGnn.MLNet")
            {
                Assert.AreEqual("5.0.1", dependencies["Microsoft.ML"]);
                Assert.AreEqual("0.107.0", dependencies["TorchSharp"]);
                Assert.AreEqual("0.107.0", dependencies["TorchSharp-cpu"], "the CPU backend is the default dependency");
            }
            else
            {
                // Each package depends on the one below it, at exactly the packed version.
                string below = id == "ElrGnn.MLNet.Orleans" ? "ElrGnn.MLNet.Hosting" : "ElrGnn.MLNet";
                Assert.AreEqual(Packed.Version, dependencies[below], $"{id} → {below}");
            }
        }
    }

    [TestMethod]
    public void QuickStart_RunsFromThePackedPackage()
    {
        var dir = Packed.Sample("QuickStart");
        var run = ProcessRunner.Run(ProcessRunner.Dotnet(), ["run", "--project", dir], dir, Packed.SampleEnvironment(Epochs), SampleTimeout).Succeeded();

        StringAssert.Contains(run.Stdout, $"epoch   {Epochs}/{Epochs}");
        var metrics = Regex.Match(run.Stdout, @"Test: accuracy ([\d.]+) %, weighted F1 ([\d.]+) %, macro F1 ([\d.]+) %");
        Assert.IsTrue(metrics.Success, run.ToString());
        Assert.IsGreaterThan(20.0, double.Parse(metrics.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), "better than chance (6 classes)");
        StringAssert.Contains(run.Stdout, "Confusion table");
        StringAssert.Contains(run.Stdout, "elrgnn-quickstart.zip");
        StringAssert.Matches(run.Stdout, new Regex(@"\d+ of \d+ turns correct\."));
        AssertUsesPackage(dir);
        AssertNativeFixRan();
    }

    [TestMethod]
    public void ModelBuilderStyle_TrainsThenPredictsInParallelFromThePackedPackage()
    {
        var dir = Packed.Sample("ModelBuilderStyle");
        var run = ProcessRunner.Run(ProcessRunner.Dotnet(), ["run", "--project", dir, "--", "--retrain"], dir, Packed.SampleEnvironment(Epochs), SampleTimeout).Succeeded();

        StringAssert.Contains(run.Stdout, $"epoch {Epochs}/{Epochs}");
        StringAssert.Matches(run.Stdout, new Regex(@"Test: accuracy [\d.]+ %, weighted F1 [\d.]+ %"));
        StringAssert.Contains(run.Stdout, "EmotionModel.mlnet");
        StringAssert.Matches(run.Stdout, new Regex(@"turn +0 \S+ +true c\d +predicted c\d"));
        StringAssert.Matches(run.Stdout, new Regex(@"8 conversations scored in parallel: \d+ of \d+ utterances correct"));
        AssertUsesPackage(dir);

        // Second start: the saved model is loaded lazily by the consumption class, no training.
        var again = ProcessRunner.Run(ProcessRunner.Dotnet(), ["run", "--no-build", "--project", dir], dir, Packed.SampleEnvironment(Epochs), SampleTimeout).Succeeded();
        Assert.DoesNotContain("epoch", again.Stdout);
        StringAssert.Contains(again.Stdout, "scored in parallel");
    }

    [TestMethod]
    public void Notebook_CellsRunAsAFileBasedApp()
    {
        var dir = Packed.Sample("Notebook");
        var outDir = Path.Combine(dir, "out");
        var environment = Packed.SampleEnvironment(Epochs);
        environment["ELRGNN_VERSION"] = Packed.Version;
        var run = ProcessRunner.Run("bash", [Path.Combine(dir, "run-as-app.sh"), outDir], dir, environment, SampleTimeout).Succeeded();

        var app = File.ReadAllText(Path.Combine(outDir, "app.cs"));
        StringAssert.Contains(app, $"#:package ElrGnn.MLNet@{Packed.Version}");
        StringAssert.Contains(app, "#:package ScottPlot@5.1.59");
        StringAssert.Matches(run.Stdout, new Regex(@"DialogueId +Turn +Speaker +Label"), "the data table");
        StringAssert.Contains(run.Stdout, $"epoch {Epochs,3}/{Epochs}");
        StringAssert.Matches(run.Stdout, new Regex(@"test accuracy [\d.]+ %, weighted F1 [\d.]+ %, macro F1 [\d.]+ %"));
        StringAssert.Matches(run.Stdout, new Regex(@"Class +Precision +Recall +F1 +Support"), "the per-class table");
        StringAssert.Matches(run.Stdout, new Regex(@"conversation \S+: \d+ of \d+ turns correct"));
        var png = File.ReadAllBytes(Path.Combine(outDir, "display-1.png"));
        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4], "the confusion plot is a PNG");
        Assert.IsGreaterThan(5_000, png.Length);
        Assert.IsTrue(Directory.Exists(Path.Combine(outDir, "artifacts", "bin")), "the app's build output stays in out/artifacts/");
    }

    // The sample compiled against the packed package (not a project reference) of the ci version.
    private static void AssertUsesPackage(string sampleDir)
    {
        var assets = File.ReadAllText(Path.Combine(sampleDir, "obj", "project.assets.json"));
        StringAssert.Contains(assets, $"\"ElrGnn.MLNet/{Packed.Version}\"");
        StringAssert.Contains(assets, "\"type\": \"package\"");
        Assert.DoesNotContain("\"type\": \"project\"", assets);
    }

    // On a system whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04) the library inside the package must
    // have loaded its patched libLibTorchSharp.so from the (private) native cache; newer systems need no patch.
    private static void AssertNativeFixRan()
    {
        var libstdcxx = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        if (!OperatingSystem.IsLinux() || libstdcxx is null)
            return;
        bool systemIsNewEnough = File.ReadAllBytes(libstdcxx).AsSpan().IndexOf(Encoding.ASCII.GetBytes("GLIBCXX_3.4.32")) >= 0;
        var patched = Directory.Exists(Packed.NativeCache)
            ? Directory.GetFiles(Packed.NativeCache, "libLibTorchSharp.so", SearchOption.AllDirectories)
            : [];
        if (!systemIsNewEnough)
            Assert.IsNotEmpty(patched, $"no patched libLibTorchSharp.so under {Packed.NativeCache}");
    }
}
