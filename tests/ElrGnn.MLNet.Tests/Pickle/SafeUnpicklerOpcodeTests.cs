using System.Buffers.Binary;
using System.Text;
using ElrGnn.MLNet.Data.Pickle;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>
/// Opcode semantics on small hand-written pickles; the expected values are what CPython 3.11's
/// <c>pickle.loads(data, encoding='latin1')</c> returns for the same bytes.
/// </summary>
[TestClass]
public sealed class SafeUnpicklerOpcodeTests
{
    private static readonly SafeUnpickler Reader = new();

    [TestMethod]
    public void Load_Protocol0TextOpcodes_DecodeLikePython2Latin1()
    {
        const string pickle = "(lp0\nI1\naL12345678901L\naF-1.25\naS'caf\\xe9\\n\\'q\\'\\101'\np1\n" +
                              "aVeuro \\u20ac back\\\\u005c \\U0001f600\np2\nag1\na(I1\nI00\ntp3\na(dp4\nS'k'\np5\nI7\nsS\"dq\"\nNsaI01\na.";

        var list = (List<object?>)Reader.Load(Encoding.Latin1.GetBytes(pickle))!;

        Assert.HasCount(9, list);
        Assert.AreEqual(1L, list[0]);
        Assert.AreEqual(12345678901L, list[1]);
        Assert.AreEqual(-1.25, list[2]);
        Assert.AreEqual("caf\u00e9\n'q'A", list[3]);
        Assert.AreEqual("euro \u20ac back\\\\u005c \U0001f600", list[4]);
        Assert.AreSame(list[3], list[5]); // GET returns the memoised object itself
        CollectionAssert.AreEqual(new object?[] { 1L, false }, (object?[])list[6]!);
        var dict = (Dictionary<object, object?>)list[7]!;
        CollectionAssert.AreEqual(new object[] { "k", "dq" }, dict.Keys.ToArray());
        Assert.AreEqual(7L, dict["k"]);
        Assert.IsNull(dict["dq"]);
        Assert.AreEqual(true, list[8]);
    }

    [TestMethod]
    public void Load_Protocol2BinaryOpcodes_DecodeLikePython()
    {
        var pickle = Convert.FromHexString("80025D7100288A0200808A0047BFF4000000000000" + "4B01854B024B03864B044B054B0687888929" + "8F284B014B0290284B0391652E");

        var list = (List<object?>)Reader.Load(pickle)!;

        Assert.AreEqual(-32768L, list[0]);
        Assert.AreEqual(0L, list[1]);
        Assert.AreEqual(-1.25, list[2]);
        CollectionAssert.AreEqual(new object?[] { 1L }, (object?[])list[3]!);
        CollectionAssert.AreEqual(new object?[] { 2L, 3L }, (object?[])list[4]!);
        CollectionAssert.AreEqual(new object?[] { 4L, 5L, 6L }, (object?[])list[5]!);
        Assert.AreEqual(true, list[6]);
        Assert.AreEqual(false, list[7]);
        Assert.IsEmpty((object?[])list[8]!);
        Assert.IsTrue(((HashSet<object?>)list[9]!).SetEquals([1L, 2L]));
        Assert.IsTrue(((HashSet<object?>)list[10]!).SetEquals([3L]));
    }

    [TestMethod]
    public void Load_DupPopAndPopMark_FollowCPythonStackRules()
    {
        var pickle = Convert.FromHexString("80024B013286284B054B06314B07304E30852E");

        var result = (object?[])Reader.Load(pickle)!;

        Assert.HasCount(1, result);
        CollectionAssert.AreEqual(new object?[] { 1L, 1L }, (object?[])result[0]!);
    }

    [TestMethod]
    [DataRow("8A00", 0L)]
    [DataRow("8A01FF", -1L)]
    [DataRow("8A09FFFFFFFFFFFFFF7F00", long.MaxValue)]
    [DataRow("8A080000000000000080", long.MinValue)]
    [DataRow("8B0200000000FF", -256L)]
    public void Load_Long1AndLong4_DecodeTwosComplement(string operandHex, long expected)
    {
        var pickle = new PickleBytes().Proto(2).Raw(Convert.FromHexString(operandHex)).Stop().ToArray();

        Assert.AreEqual(expected, Reader.Load(pickle));
    }

    [TestMethod]
    public void Load_IntegerBeyond64Bits_ThrowsFormat()
    {
        var pickle = new PickleBytes().Proto(2).Raw(Convert.FromHexString("8A09000000000000000001")).Stop().ToArray();

        Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));
    }

    [TestMethod]
    public void Load_Protocol0NumpyArrayWithEscapedData_DecodesRawBytes()
    {
        // Python 2's default protocol writes the raw float64 bytes as an escaped STRING operand.
        byte[] raw = [0x0a, 0x5c, 0x27, 0x09, 0x0d, 0x00, 0xff, 0x3f, 0x41, 0x22, 0x7f, 0x80, 0x20, 0x7e, 0xf0, 0xbf];
        string pickle = "cnumpy.core.multiarray\n_reconstruct\np0\n(cnumpy\nndarray\np1\n(I0\ntp2\nS'b'\np3\ntp4\nRp5\n" +
                        "(I1\n(I2\ntp6\ncnumpy\ndtype\np7\n(S'f8'\np8\nI00\nI01\ntp9\nRp10\n(I3\nS'<'\np11\nNNNI-1\nI-1\nI0\ntp12\nb" +
                        "I00\nS'" + Py2Repr(raw) + "'\np13\ntp14\nb.";

        var array = (NumpyArray)Reader.Load(Encoding.Latin1.GetBytes(pickle))!;

        Assert.AreEqual("<f8", array.Dtype);
        CollectionAssert.AreEqual(new[] { 2 }, array.Shape.ToArray());
        CollectionAssert.AreEqual(new[] { BitConverter.ToDouble(raw, 0), BitConverter.ToDouble(raw, 8) }, array.Float64Values);
    }

    [TestMethod]
    public void Load_BigEndianFloat32Array_ConvertsToMachineOrder()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(data, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4), -2f);
        var pickle = new PickleBytes().Proto(3).NumpyVector("f4", ">", data, 2).Stop().ToArray();

        var array = (NumpyArray)Reader.Load(pickle)!;

        Assert.AreEqual(">f4", array.Dtype);
        CollectionAssert.AreEqual(new[] { 1.5f, -2f }, array.Float32Values);
    }

    [TestMethod]
    public void Load_Protocol5FromBuffer_BuildsArray()
    {
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(data, Math.PI);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), -1);
        var pickle = new PickleBytes().Proto(5).Str("numpy.core.numeric").Str("_frombuffer").Byte(0x93)
            .Op('(').Byte(0x96).UInt64(16).Raw(data)
            .Global("numpy", "dtype").Str("f8").Byte(0x89).Byte(0x88).Byte(0x87).Op('R')
            .Op('(').Int(3).Str("<").Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(0).Op('t').Op('b')
            .Op('K').Byte(2).Byte(0x85).Str("C").Op('t').Op('R')
            .Stop().ToArray();

        var array = (NumpyArray)Reader.Load(pickle)!;

        CollectionAssert.AreEqual(new[] { Math.PI, -1.0 }, array.Float64Values);
    }

    [TestMethod]
    public void Load_NumpyScalar_BecomesPrimitive()
    {
        var pickle = new PickleBytes().Proto(2).Global("numpy.core.multiarray", "scalar")
            .Global("numpy", "dtype").Str("i8").Byte(0x89).Byte(0x88).Byte(0x87).Op('R')
            .Op('(').Int(3).Str("<").Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(0).Op('t').Op('b')
            .Global("_codecs", "encode").Str("\u00fe\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff").Str("latin1").Byte(0x86).Op('R')
            .Byte(0x86).Op('R').Stop().ToArray();

        Assert.AreEqual(-2L, Reader.Load(pickle));
    }

    [TestMethod]
    public void Load_DictWithListKey_ThrowsFormat()
    {
        var pickle = new PickleBytes().Proto(2).Op('}').Op(']').Op('N').Op('s').Stop().ToArray();

        Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));
    }

    [TestMethod]
    public void Load_MemoGetBeforePut_ThrowsFormatWithOffset()
    {
        var pickle = new PickleBytes().Proto(2).Op('N').Op('h').Byte(9).Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        Assert.AreEqual(3, ex.Offset);
    }

    [TestMethod]
    public void Load_InvalidUtf8InBinUnicode_ThrowsFormat()
    {
        var pickle = new PickleBytes().Proto(2).Op('X').UInt32(2).Raw([0xc3, 0x28]).Stop().ToArray();

        Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));
    }

    [TestMethod]
    public void Constructor_LimitOutOfRange_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SafeUnpickler(new UnpicklerLimits { MaxNestingDepth = 0 }));
    }

    /// <summary>Python 2 repr() of a str, without the quotes.</summary>
    private static string Py2Repr(byte[] bytes)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes)
        {
            sb.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\'' => "\\'",
                (byte)'\t' => "\\t",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }
        return sb.ToString();
    }
}
