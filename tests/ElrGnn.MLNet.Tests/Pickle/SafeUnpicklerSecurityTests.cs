using ElrGnn.MLNet.Data.Pickle;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>Globals outside the allow-list are refused by name and nothing is ever executed.</summary>
[TestClass]
public sealed class SafeUnpicklerSecurityTests
{
    private static readonly SafeUnpickler Reader = new();

    [TestMethod]
    [DataRow("os", "system")]
    [DataRow("posix", "system")]
    [DataRow("nt", "system")]
    [DataRow("subprocess", "check_output")]
    public void Load_GlobalReduceOfShellCommand_ThrowsSecurityAndRunsNothing(string module, string name)
    {
        string marker = Path.Combine(TestPaths.NewTempDir(), "pwned");
        // What pickle.dumps of an object with __reduce__ = (os.system, ("touch marker",)) contains (protocol 0/2).
        var pickle = new PickleBytes().Proto(2).Global(module, name).Str("touch " + marker).Byte(0x85).Op('R').Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleSecurityException>(() => Reader.Load(pickle));

        Assert.AreEqual($"{module}.{name}", ex.GlobalName);
        StringAssert.Contains(ex.Message, $"{module}.{name}");
        Assert.AreEqual(2, ex.Offset); // the GLOBAL opcode, right after PROTO
        Assert.IsFalse(File.Exists(marker));
    }

    [TestMethod]
    public void Load_StackGlobalOfEval_ThrowsSecurityNamingIt()
    {
        var pickle = new PickleBytes().Proto(4).Str("builtins").Str("eval").Byte(0x93)
            .Str("__import__('os').system('true')").Byte(0x85).Op('R').Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleSecurityException>(() => Reader.Load(pickle));

        Assert.AreEqual("builtins.eval", ex.GlobalName);
    }

    [TestMethod]
    public void Load_ReduceOfAllowedGlobalWithForeignCallableInside_ThrowsSecurity()
    {
        // A numpy-looking array whose "ndarray" argument is really os.system.
        var pickle = new PickleBytes().Proto(2).Global("numpy.core.multiarray", "_reconstruct")
            .Global("os", "system").Int(0).Byte(0x85).Bytes([(byte)'b']).Byte(0x87).Op('R').Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleSecurityException>(() => Reader.Load(pickle));

        Assert.AreEqual("os.system", ex.GlobalName);
    }

    [TestMethod]
    public void Load_InstOpcodeOfForeignClass_ThrowsSecurity()
    {
        var pickle = new PickleBytes().Op('(').Ascii("S'ls'\n").Op('i').Ascii("os\nsystem\n").Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleSecurityException>(() => Reader.Load(pickle));

        Assert.AreEqual("os.system", ex.GlobalName);
    }

    [TestMethod]
    public void Load_ExtensionCodeAndPersistentId_ThrowSecurity()
    {
        Assert.ThrowsExactly<PickleSecurityException>(() => Reader.Load(new PickleBytes().Proto(2).Byte(0x82).Byte(7).Stop().ToArray()));
        Assert.ThrowsExactly<PickleSecurityException>(() => Reader.Load(new PickleBytes().Op('P').Ascii("id\n").Stop().ToArray()));
        Assert.ThrowsExactly<PickleSecurityException>(() => Reader.Load(new PickleBytes().Proto(2).Str("x").Op('Q').Stop().ToArray()));
    }

    [TestMethod]
    public void Load_AllowedCallableWithWrongArgumentLayout_ThrowsFormat()
    {
        // _codecs.encode is only accepted as encode(str, 'latin1').
        var pickle = new PickleBytes().Proto(2).Global("_codecs", "encode").Str("abc").Str("rot13").Byte(0x86).Op('R').Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, "latin1");
    }

    [TestMethod]
    public void Load_ReduceOnNonGlobal_ThrowsFormat()
    {
        var pickle = new PickleBytes().Proto(2).Str("os.system").Op(')').Op('R').Stop().ToArray();

        Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));
    }

    [TestMethod]
    public void Load_BuildOnPlainObject_ThrowsFormat()
    {
        // BUILD would set attributes through __setstate__ in Python; here only numpy targets are allowed.
        var pickle = new PickleBytes().Proto(2).Op('}').Op('}').Op('b').Stop().ToArray();

        Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));
    }

    [TestMethod]
    public void Load_BareAllowedGlobalAsResult_ThrowsFormat()
    {
        var pickle = new PickleBytes().Proto(2).Global("numpy", "ndarray").Stop().ToArray();

        Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));
    }
}
