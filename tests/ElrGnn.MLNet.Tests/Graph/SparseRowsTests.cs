using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class SparseRowsTests
{
    [TestMethod]
    public void Concatenate_ShiftsRowsAndColumnsByNodeOffsets()
    {
        var a = new SparseRows([0, 2, 3], [0, 1, 1], [0.5f, 0.25f, 1f]);
        var b = new SparseRows([0, 1, 1, 3], [2, 0, 1], [0.1f, 0.2f, 0.3f]);
        var batch = SparseRows.Concatenate([a, SparseRows.Empty, b]);

        CollectionAssert.AreEqual(new[] { 0, 2, 2, 5 }, SparseRows.NodeOffsets([a, SparseRows.Empty, b]));
        Assert.AreEqual(5, batch.NodeCount);
        CollectionAssert.AreEqual(new[] { 0, 2, 3, 4, 4, 6 }, batch.RowPtr);
        CollectionAssert.AreEqual(new[] { 0, 1, 1, 4, 2, 3 }, batch.Column);
        CollectionAssert.AreEqual(new[] { 0.5f, 0.25f, 1f, 0.1f, 0.2f, 0.3f }, batch.Weight);
        CollectionAssert.AreEqual(new[] { 0, 0, 1, 2, 4, 4 }, batch.ExpandRowIndex());
    }

    [TestMethod]
    public void Concatenate_Nothing_GivesEmptyMatrix()
    {
        var batch = SparseRows.Concatenate([]);
        Assert.AreEqual(0, batch.NodeCount);
        CollectionAssert.AreEqual(new[] { 0 }, batch.RowPtr);
    }

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
