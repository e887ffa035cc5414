using System.Reflection;
using ElrGnn.MLNet.Persistence;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>Which load failures become a ModelFileException and which pass through unchanged.</summary>
[TestClass]
public sealed class LoadFailureTranslationTests
{
    [TestMethod]
    public void DecodeFailure_DeepInsideMlNetWrappers_BecomesModelFileException()
    {
        var wrapped = new InvalidOperationException("Error during class instantiation",
            new TargetInvocationException(new FormatException("Corrupt model file tail")));

        var translated = ElrGnnComponents.TranslateLoadFailure(wrapped, "m.zip");

        Assert.IsNotNull(translated);
        StringAssert.Contains(translated.Message, "'m.zip' is corrupt or incompatible");
        StringAssert.Contains(translated.Message, "Corrupt model file tail");
        Assert.AreSame(wrapped, translated.InnerException);
    }

    [TestMethod]
    public void ComponentFailure_KeepsTheComponentDetailAndNamesTheFile()
    {
        var format = new ModelFormat("TSTCENTR", "SomeLoader", 1, 1, 1);
        var own = ModelFileException.ForComponent(format, new EndOfStreamException("ends early"));

        var translated = ElrGnnComponents.TranslateLoadFailure(new TargetInvocationException(own), "m.zip");

        Assert.IsNotNull(translated);
        StringAssert.StartsWith(translated.Message, "The model file 'm.zip' is corrupt or incompatible: component SomeLoader");
        StringAssert.Contains(translated.Message, "ends early");
    }

    [TestMethod]
    public void MissingComponentAssembly_IsIncompatible()
    {
        var translated = ElrGnnComponents.TranslateLoadFailure(new FileNotFoundException("Could not load file or assembly 'X'"), null);

        Assert.IsNotNull(translated);
        StringAssert.StartsWith(translated.Message, "The model stream is corrupt or incompatible");
    }

    [TestMethod]
    public void UnrelatedFailure_IsNotTranslatedAndIsUnwrapped()
    {
        var cause = new PlatformNotSupportedException("native library missing");
        var wrapped = new TargetInvocationException(cause);

        Assert.IsNull(ElrGnnComponents.TranslateLoadFailure(wrapped, "m.zip"));
        Assert.AreSame(cause, ElrGnnComponents.Unwrap(wrapped));
    }
}
