using ElrGnn.MLNet.Features;

namespace ElrGnn.MLNet.Tests.Features;

[TestClass]
public sealed class UtteranceEmbedderTests
{
    private static readonly string[] Texts = ["I can't believe you did that!", "Okay, fine. Whatever.", "We were on a break!"];

    private static string CachePath(string dir) => Path.Combine(dir, EmbeddingCache.FileName(MiniLmEncoder.ModelId));

    // A fresh cache object on the file stands for a new process: it reads the file from scratch.
    private static UtteranceEmbedder FreshEmbedder(string dir) =>
        new(new UtteranceEmbedderOptions(), MiniLmEncoder.Shared, new EmbeddingCache(CachePath(dir), MiniLmEncoder.ModelId));

    [TestMethod]
    public void Embed_SameTextTwiceAndTwoModelInstances_GiveIdenticalBits()
    {
        var memoryOnly = new UtteranceEmbedderOptions { UseDiskCache = false };
        var first = new UtteranceEmbedder(memoryOnly, MiniLmEncoder.Shared, cache: null).Embed([Texts[0], Texts[1], Texts[0]]);
        using var otherModel = new MiniLmEncoder();
        var second = new UtteranceEmbedder(memoryOnly, otherModel, cache: null).Embed([Texts[1], Texts[0]]);

        CollectionAssert.AreEqual(first[0], first[2]);
        CollectionAssert.AreEqual(first[0], second[1]);
        CollectionAssert.AreEqual(first[1], second[0]);
        Assert.AreEqual(2, otherModel.EncodedSentences);
    }

    [TestMethod]
    public void Embed_ReturnsFiniteUnitNorm384Vectors_DistinctPerText_AndOneVectorForBlankText()
    {
        var embedder = new UtteranceEmbedder(new UtteranceEmbedderOptions { UseDiskCache = false }, MiniLmEncoder.Shared, cache: null);
        var vectors = embedder.Embed([.. Texts, "", "  \t ", null]);

        foreach (var v in vectors)
        {
            Assert.AreEqual(UtteranceEmbeddingDefaults.Dimension, v.Length);
            Assert.IsTrue(v.All(float.IsFinite));
            Assert.AreEqual(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-5);
        }
        for (var i = 0; i < Texts.Length; i++)
            for (var j = i + 1; j < Texts.Length + 1; j++)
                Assert.IsFalse(vectors[i].SequenceEqual(vectors[j]), $"texts {i} and {j} got the same vector");
        CollectionAssert.AreEqual(vectors[3], vectors[4]);
        CollectionAssert.AreEqual(vectors[3], vectors[5]);
    }

    [TestMethod]
    public void Embed_SecondRunOnSameCacheFolder_ReadsDiskWithoutModelCalls()
    {
        var dir = TestPaths.NewTempDir();
        var first = FreshEmbedder(dir);
        var progress = new List<int>();
        var expected = first.Embed([.. Texts, Texts[2]], new SynchronousProgress(progress.Add));
        Assert.AreEqual(Texts.Length, first.ModelSentences);
        Assert.AreEqual(Texts.Length + 1, progress[^1]);

        var second = FreshEmbedder(dir);
        var again = second.Embed([Texts[2], Texts[0], Texts[1]]);

        Assert.AreEqual(0, second.ModelSentences);
        CollectionAssert.AreEqual(expected[2], again[0]);
        CollectionAssert.AreEqual(expected[0], again[1]);
        CollectionAssert.AreEqual(expected[1], again[2]);
    }

    [TestMethod]
    public void Embed_CacheWithFlippedBytesAndTruncatedTail_RecomputesDamagedRecordsOnly()
    {
        var dir = TestPaths.NewTempDir();
        var expected = FreshEmbedder(dir).Embed(Texts);
        var path = CachePath(dir);
        var recordSize = EmbeddingCacheFile.RecordSize(UtteranceEmbeddingDefaults.Dimension);
        var bytes = File.ReadAllBytes(path);
        Assert.HasCount(EmbeddingCacheFile.HeaderSize + 3 * recordSize, bytes);
        bytes[EmbeddingCacheFile.HeaderSize + 100] ^= 0x5A;          // a value inside the first record
        bytes[EmbeddingCacheFile.HeaderSize + 101] ^= 0xFF;
        File.WriteAllBytes(path, bytes[..^(recordSize / 2)]);      // half of the last record gone

        var repaired = FreshEmbedder(dir);
        var vectors = repaired.Embed(Texts);

        Assert.AreEqual(1, repaired.Cache.CorruptRecords);
        Assert.AreEqual(2, repaired.ModelSentences);
        for (var i = 0; i < Texts.Length; i++)
            CollectionAssert.AreEqual(expected[i], vectors[i]);
        // The writer cut the partial record before appending, so every record is whole again.
        Assert.AreEqual(0, (new FileInfo(path).Length - EmbeddingCacheFile.HeaderSize) % recordSize);
        var third = FreshEmbedder(dir);
        third.Embed(Texts);
        Assert.AreEqual(0, third.ModelSentences);
    }

    [TestMethod]
    public void Constructor_BatchSizeOutOfRange_ThrowsNamingTheOption()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new UtteranceEmbedder(new UtteranceEmbedderOptions { BatchSize = 0 }));
        StringAssert.Contains(e.Message, nameof(UtteranceEmbedderOptions.BatchSize));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one reports inline so the test can read it at once.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
