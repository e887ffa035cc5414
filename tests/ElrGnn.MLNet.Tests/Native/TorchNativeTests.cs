using ElrGnn.MLNet.Internal;
using ElrGnn.MLNet.Native;
using TorchSharp;

namespace ElrGnn.MLNet.Tests.Native;

[TestClass]
public sealed class TorchNativeTests
{
    [TestMethod]
    public void EnsureLoaded_ThenTensorOpsAndLstmWork()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var a = torch.ones(3, 3);
        Assert.AreEqual(27f, a.matmul(a).sum().item<float>());
        using var lstm = torch.nn.LSTM(4, 3, bidirectional: true, batchFirst: true);
        var (output, _, _) = lstm.call(torch.zeros(2, 5, 4));
        CollectionAssert.AreEqual(new long[] { 2, 5, 6 }, output.shape);
    }

    [TestMethod]
    public void EnsureLoaded_OnOldLibStdCxx_LoadsPatchedCopyOutsideThePackageCache()
    {
        TorchNative.EnsureLoaded();
        var system = SystemLibStdCxx.Find();
        Assert.IsNotNull(system);
        bool systemIsOld = !ElfImage.Load(system).VersionDefinitions.Contains("GLIBCXX_3.4.32");
        if (!systemIsOld)
        {
            Assert.IsNull(TorchNative.PatchedLibraryPath, "a new enough libstdc++ needs no patch");
            return;
        }
        var patched = TorchNative.PatchedLibraryPath;
        Assert.IsNotNull(patched, TorchNative.Status);
        StringAssert.Contains(patched, "elrgnn-mlnet");
        Assert.IsTrue(ElfImage.Load(patched).VersionNeeds.Single(n => n.Name == "GLIBCXX_3.4.32").IsWeak);
        var nugetCopy = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        Assert.IsFalse(ElfImage.Load(nugetCopy).VersionNeeds.Any(n => n.IsWeak), "the original must stay untouched");
    }

    [TestMethod]
    public void Resolve_Cuda_WithoutGpu_ThrowsClearError()
    {
        if (TorchDevices.CudaAvailable())
            Assert.Inconclusive("A GPU is present: this test covers machines without one.");
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => TorchDevices.Resolve("cuda"));
        StringAssert.Contains(e.Message, "CUDA is not available");
        Assert.ThrowsExactly<ArgumentException>(() => TorchDevices.Resolve("tpu"));
        Assert.AreEqual(DeviceType.CPU, TorchDevices.Resolve(null).type);
    }
}
