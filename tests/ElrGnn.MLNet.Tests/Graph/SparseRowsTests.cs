using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class SparseRowsTests
{

    [TestMethod]
    public void DenseRow_PlacesWeightsAtColumns()
    {
        var m = new SparseRows([0, 2, 2], [0, 1], [0.75f, 0.25f]);
        CollectionAssert.AreEqual(new[] { 0.75, 0.25 }, m.DenseRow(0));
        CollectionAssert.AreEqual(new[] { 0.0, 0.0 }, m.DenseRow(1));
    }

    [TestMethod]
    public void Constructor_RejectsMalformedArrays()
    {
        Assert.AreEqual("rowPtr", Assert.Throws<ArgumentException>(() => new SparseRows([0, 2], [0], [1f])).ParamName);
        Assert.AreEqual("rowPtr", Assert.Throws<ArgumentException>(() => new SparseRows([0, 2, 1], [0], [1f])).ParamName);
        Assert.AreEqual("weight", Assert.Throws<ArgumentException>(() => new SparseRows([0, 1], [0], [])).ParamName);
        Assert.AreEqual("column", Assert.Throws<ArgumentException>(() => new SparseRows([0, 1], [3], [1f])).ParamName);
    }
}
