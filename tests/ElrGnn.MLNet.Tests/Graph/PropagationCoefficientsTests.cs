using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class PropagationCoefficientsTests
{
    [TestMethod]
    public void Compute_Ppr_IsGeometricAndSumsToOne()
    {
        var w = PropagationCoefficients.Compute(PropagationMode.Ppr, alpha: 0.1, order: 2);
        double z = 0.1 + 0.09 + 0.081;
        CollectionAssert.AreEqual(new[] { 0.1 / z, 0.09 / z, 0.081 / z }, w, new Tolerance(1e-15));
    }

    [TestMethod]
    public void Compute_AverageAndSingle_MatchGrandPlus()
    {
        CollectionAssert.AreEqual(new[] { 0.25, 0.25, 0.25, 0.25 }, PropagationCoefficients.Compute(PropagationMode.Average, order: 3));
        CollectionAssert.AreEqual(new[] { 0.0, 0.0, 0.0, 1.0 }, PropagationCoefficients.Compute(PropagationMode.Single, order: 3));
        CollectionAssert.AreEqual(new[] { 1.0 }, PropagationCoefficients.Compute(PropagationMode.Ppr, order: 0));
    }

    [TestMethod]
    public void Compute_HopOrders_ZeroesOrdersNotMultipleOfDilationAndRenormalises()
    {
        var avg = PropagationCoefficients.Compute(PropagationMode.Average, order: 4, dilationMode: DilationMode.HopOrders, dilation: 2);
        CollectionAssert.AreEqual(new[] { 1 / 3.0, 0, 1 / 3.0, 0, 1 / 3.0 }, avg, new Tolerance(1e-15));
        var ppr = PropagationCoefficients.Compute(PropagationMode.Ppr, 0.5, 3, DilationMode.HopOrders, 3);
        CollectionAssert.AreEqual(new[] { 0.5 / 0.5625, 0, 0, 0.0625 / 0.5625 }, ppr, new Tolerance(1e-15));
        var single = PropagationCoefficients.Compute(PropagationMode.Single, order: 4, dilationMode: DilationMode.HopOrders, dilation: 2);
        CollectionAssert.AreEqual(new[] { 0.0, 0, 0, 0, 1 }, single);
    }

    [TestMethod]
    public void Compute_DilatedEdgesMode_IgnoresDilation()
    {
        CollectionAssert.AreEqual(
            PropagationCoefficients.Compute(PropagationMode.Ppr, 0.2, 5, DilationMode.DilatedEdges, 1),
            PropagationCoefficients.Compute(PropagationMode.Ppr, 0.2, 5, DilationMode.DilatedEdges, 3));
    }

    [TestMethod]
    public void Compute_BadArguments_NameTheParameter()
    {
        Assert.AreEqual("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => PropagationCoefficients.Compute(PropagationMode.Ppr, 0)).ParamName);
        Assert.AreEqual("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => PropagationCoefficients.Compute(PropagationMode.Ppr, 1.5)).ParamName);
        Assert.AreEqual("order", Assert.Throws<ArgumentOutOfRangeException>(() => PropagationCoefficients.Compute(PropagationMode.Average, order: -1)).ParamName);
        Assert.AreEqual("order", Assert.Throws<ArgumentOutOfRangeException>(
            () => PropagationCoefficients.Compute(PropagationMode.Single, order: 5, dilationMode: DilationMode.HopOrders, dilation: 2)).ParamName);
        Assert.AreEqual("mode", Assert.Throws<ArgumentOutOfRangeException>(() => PropagationCoefficients.Compute((PropagationMode)9)).ParamName);
    }

    private sealed class Tolerance(double eps) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= eps ? 0 : 1;
    }
}
