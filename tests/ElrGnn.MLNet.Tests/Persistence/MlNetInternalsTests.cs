using ElrGnn.MLNet.Persistence;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>
/// Guards the reflection into ML.NET internals: if a Microsoft.ML update moves a member, these fail first and
/// say which member moved.
/// </summary>
[TestClass]
public sealed class MlNetInternalsTests
{
    [TestMethod]
    public void VerifyAll_FindsEveryReflectedMember()
    {
        var members = MlNetInternals.VerifyAll();

        Assert.HasCount(17, members);
        Assert.IsTrue(members.All(m => m.Length > 0));
    }

    [TestMethod]
    public void RegisterLoadable_Twice_IsIdempotentPerContext()
    {
        var first = new MLContext();
        var second = new MLContext();

        LoadableRegistry.Register<CentroidTransformer>(first);
        LoadableRegistry.Register<CentroidTransformer>(first);

        Assert.IsTrue(MlNetInternals.IsRegistered(first, "ElrGnnTestCentroid"));
        Assert.IsFalse(MlNetInternals.IsRegistered(second, "ElrGnnTestCentroid"));
    }

    [TestMethod]
    public void RegisterLoadable_SignatureOfAnotherType_Throws()
    {
        var mlContext = new MLContext();
        LoadableRegistry.Register<CentroidTransformer>(mlContext);

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => MlNetInternals.RegisterLoadable(
            mlContext, typeof(LabeledPoint), "ElrGnnTestCentroid", ModelLoader<CentroidTransformer>.CreateMethod));
        StringAssert.Contains(ex.Message, "already registered");
    }

    [TestMethod]
    public void RegisterLoadable_WrongCreateSignature_Throws()
    {
        var wrong = typeof(MlNetInternalsTests).GetMethod(nameof(RegisterLoadable_WrongCreateSignature_Throws))!;

        Assert.ThrowsExactly<ArgumentException>(() => MlNetInternals.RegisterLoadable(new MLContext(), typeof(CentroidTransformer), "Whatever", wrong));
    }

    [TestMethod]
    public void GetEnvironment_OfTransformsCatalog_IsTheContextsEnvironment()
    {
        var mlContext = new MLContext();

        var env = MlNetInternals.GetEnvironment(mlContext.Transforms);

        Assert.AreSame(mlContext.ComponentCatalog, env.ComponentCatalog);
        Assert.ThrowsExactly<ArgumentException>(() => MlNetInternals.GetEnvironment("not a catalog"));
    }

    [TestMethod]
    public void GetSeed_ReturnsTheContextSeed()
    {
        Assert.AreEqual(42, MlNetInternals.GetSeed(new MLContext(seed: 42)));
        Assert.IsNull(MlNetInternals.GetSeed(new MLContext()));
    }

    [TestMethod]
    public void FindLoadableTypes_InTestAssembly_FindsTheCentroidTransformer()
    {
        var types = LoadableRegistry.FindLoadableTypes(typeof(CentroidTransformer).Assembly);

        CollectionAssert.AreEqual(new[] { typeof(CentroidTransformer) }, types.ToArray());
    }

    [TestMethod]
    public void ModelFormat_InvalidSignatures_AreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new ModelFormat("SHORT", "Loader", 1, 1, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new ModelFormat("EIGHTCHR", "has space", 1, 1, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new ModelFormat("EIGHTCHR", new string('x', 25), 1, 1, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new ModelFormat("EIGHTCHR", "Loader", 1, 2, 1));
    }

    [TestMethod]
    public void Register_OnMlContext_RegistersTheLibraryAndReturnsTheContext()
    {
        var mlContext = new MLContext();

        Assert.AreSame(mlContext, ElrGnnComponents.Register(mlContext));
        Assert.AreSame(mlContext, ElrGnnComponents.Register(mlContext));
    }
}
