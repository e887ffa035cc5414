using ElrGnn.MLNet.Native;
using TorchSharp;

namespace ElrGnn.MLNet.Tests.Serving;

[TestClass]
public sealed class IntraOpThreadsTests
{
    [TestMethod]
    public void Use_SetsTheCallingThreadOnly_AndRestoresOnDispose()
    {
        TorchNative.EnsureLoaded();
        if (!IntraOpThreads.IsSupported)
            Assert.Inconclusive("This libtorch build has no OpenMP per-thread count.");
        int before = torch.get_num_threads();
        int other = 0;
        using (IntraOpThreads.Use(1))
        {
            Assert.AreEqual(1, torch.get_num_threads());
            using var a = torch.rand(300, 300);
            using var b = torch.mm(a, a); // MKL runs under the thread-local count
            var thread = new Thread(() => other = torch.get_num_threads());
            thread.Start();
            thread.Join();
        }
        Assert.AreEqual(before, torch.get_num_threads(), "restored");
        Assert.AreEqual(before, other, "another thread keeps libtorch's default");
    }
}
