using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ElrGnn.MLNet.Internal;
using ElrGnn.MLNet.Native;
using TorchSharp;

namespace ElrGnn.MLNet.Tests.Native;

/// <summary>
/// Promise: no tensor–number operation in the libraries hands libtorch a Scalar that the GC may finalize during the
/// call (TorchSharp 0.107 keeps no reference to it; see <see cref="HeldScalar"/>). Checked on the compiled assemblies,
/// so a new <c>tensor * 2.0</c> anywhere fails here instead of crashing a long run once in a while.
/// </summary>
[TestClass]
public sealed class HeldScalarTests
{
    private static readonly string[] ArithmeticOperators =
    [
        "op_Addition", "op_Subtraction", "op_Multiply", "op_Division", "op_Modulus",
        "op_GreaterThan", "op_GreaterThanOrEqual", "op_LessThan", "op_LessThanOrEqual", "op_Equality", "op_Inequality",
        "op_BitwiseAnd", "op_BitwiseOr", "op_ExclusiveOr",
    ];

    [TestMethod]
    [DataRow(typeof(ElrGnnCatalog))]
    [DataRow(typeof(ElrGnn.MLNet.Features.EmbeddingCatalog))]
    public void Library_PassesNoUnheldScalarToTorch(Type anyTypeOfTheAssembly)
    {
        var offenders = UnheldScalarUses(anyTypeOfTheAssembly.Assembly);

        Assert.IsEmpty(offenders, "Use HeldScalar instead of: " + string.Join("; ", offenders));
    }

    [TestMethod]
    public void Scan_FindsTheUnheldUsesOfThisTestAssembly()
    {
        // The scan itself must see the patterns it forbids: this assembly uses both on purpose (below).
        var offenders = UnheldScalarUses(typeof(HeldScalarTests).Assembly);

        Assert.IsTrue(offenders.Any(o => o.Contains("op_Implicit")), string.Join("; ", offenders));
        Assert.IsTrue(offenders.Any(o => o.Contains("op_Multiply")), string.Join("; ", offenders));
    }

    [TestMethod]
    public void With_GivesTheSameValuesAsTheImplicitConversion()
    {
        TorchNative.EnsureLoaded();
        using var x = torch.tensor(new float[] { -1.5f, 0f, 2.25f });
        using var ints = torch.tensor(new long[] { 1, 2, 3 });

        using var held = HeldScalar.With(0.5, s => x.mul(s));
        using var heldInts = HeldScalar.With(5L, s => ints.mul(s));
        using var implicitProduct = x * 0.5;

        CollectionAssert.AreEqual(implicitProduct.data<float>().ToArray(), held.data<float>().ToArray());
        Assert.AreEqual(torch.ScalarType.Int64, heldInts.dtype, "an integer Scalar keeps integer tensors integer");
        CollectionAssert.AreEqual(new long[] { 5, 10, 15 }, heldInts.data<long>().ToArray());
    }

    [TestMethod]
    public void With_UnderConstantCollections_NeverFreesTheScalarDuringTheCall()
    {
        // With `x * 2.0` instead, this loop fails within a second or two on the 2-core CI machine
        // ("Expected false to be true" or "Unknown scalar type" from libtorch): a collection finalizes the Scalar mid-call.
        TorchNative.EnsureLoaded();
        using var x = torch.rand(200_000);
        var stop = DateTime.UtcNow.AddSeconds(3);
        long collections = 0, operations = 0;
        var collector = new Thread(() =>
        {
            while (DateTime.UtcNow < stop)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        });
        collector.Start();
        try
        {
            while (DateTime.UtcNow < stop)
            {
                using var product = HeldScalar.With(2.0, two => x.mul(two));
                operations++;
            }
        }
        finally
        {
            collector.Join();
        }

        Assert.IsGreaterThan(100L, operations);
        Assert.IsGreaterThan(100L, Interlocked.Read(ref collections));
    }

    /// <summary>Every member the assembly references that builds a temporary Scalar for a native call.</summary>
    private static List<string> UnheldScalarUses(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var handle in metadata.MemberReferences)
        {
            var reference = metadata.GetMemberReference(handle);
            if (reference.GetKind() != MemberReferenceKind.Method)
                continue;
            string name = metadata.GetString(reference.Name);
            if (name != "op_Implicit" && !ArithmeticOperators.Contains(name))
                continue;
            if (assembly.ManifestModule.ResolveMethod(MetadataTokens.GetToken(handle)) is not MethodInfo method)
                continue;
            if (method.DeclaringType?.Namespace?.StartsWith("TorchSharp", StringComparison.Ordinal) != true)
                continue;
            bool makesScalar = name == "op_Implicit"
                ? method.ReturnType == typeof(Scalar)
                : method.GetParameters().Any(p => p.ParameterType.IsPrimitive);
            if (makesScalar)
                found.Add($"{method.DeclaringType.Name}.{name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})");
        }
        return found;
    }

    // Deliberate offenders for Scan_FindsTheUnheldUsesOfThisTestAssembly; never called.
    private static torch.Tensor ImplicitScalar(torch.Tensor x) => x.clamp_min(0.5);
    private static torch.Tensor NumberOperator(torch.Tensor x) => x * 2.0;
}
