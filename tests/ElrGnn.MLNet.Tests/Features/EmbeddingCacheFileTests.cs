using ElrGnn.MLNet.Features;

namespace ElrGnn.MLNet.Tests.Features;

[TestClass]
public sealed class EmbeddingCacheFileTests
{
    private const string ModelId = "test-model";
    private const int Dimension = UtteranceEmbeddingDefaults.Dimension;

    private static KeyValuePair<EmbeddingKey, float[]> Record(string text)
    {
        var seed = text.GetHashCode(StringComparison.Ordinal);
        var random = new Random(seed);
        return new(EmbeddingKey.Compute(ModelId, text), [.. Enumerable.Range(0, Dimension).Select(_ => random.NextSingle())]);
    }

    [TestMethod]
    public void Append_FromParallelWriters_KeepsEveryRecordWhole()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "cache.emb");
        var written = Enumerable.Range(0, 4)
            .Select(w => Enumerable.Range(0, 25).Select(i => Record($"writer {w} text {i}")).ToArray())
            .ToArray();

        Parallel.ForEach(written, records =>
        {
            foreach (var chunk in records.Chunk(5))
                EmbeddingCacheFile.Append(path, ModelId, Dimension, chunk);
        });

        var read = new Dictionary<EmbeddingKey, float[]>();
        Assert.AreEqual(0, EmbeddingCacheFile.Read(path, ModelId, Dimension, read));
        Assert.HasCount(100, read);
        foreach (var (key, vector) in written.SelectMany(r => r))
            CollectionAssert.AreEqual(vector, read[key]);
    }

    [TestMethod]
    public void Read_FileOfAnotherModelOrWithBadHeader_CountsAsEmptyAndIsRewritten()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "cache.emb");
        EmbeddingCacheFile.Append(path, "other-model", Dimension, [Record("a")]);

        var read = new Dictionary<EmbeddingKey, float[]>();
        EmbeddingCacheFile.Read(path, ModelId, Dimension, read);
        Assert.IsEmpty(read);

        EmbeddingCacheFile.Append(path, ModelId, Dimension, [Record("b")]);
        EmbeddingCacheFile.Read(path, ModelId, Dimension, read);
        Assert.HasCount(1, read);
        Assert.AreEqual(EmbeddingCacheFile.HeaderSize + EmbeddingCacheFile.RecordSize(Dimension), new FileInfo(path).Length);
    }
}
