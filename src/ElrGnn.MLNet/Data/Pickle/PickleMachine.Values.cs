using static ElrGnn.MLNet.Data.Pickle.PickleOpcodes;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>Opcodes that push one scalar: None, bool, int, float, str and bytes in all their encodings.</summary>
internal sealed partial class PickleMachine
{
    private bool TryValue(byte op)
    {
        object? value;
        switch (op)
        {
            case None: value = null; break;
            case NewTrue: value = true; break;
            case NewFalse: value = false; break;
            case Int: value = PickleText.ParseIntOperand(_in.ReadLine("INT operand"), _opOffset); break;
            case BinInt: value = (long)_in.ReadInt32("BININT operand"); break;
            case BinInt1: value = (long)_in.ReadByte("BININT1 operand"); break;
            case BinInt2: value = (long)_in.ReadUInt16("BININT2 operand"); break;
            case Long: value = PickleText.ParseLongOperand(_in.ReadLine("LONG operand"), _opOffset); break;
            case Long1: value = PickleText.DecodeSignedLittleEndian(_in.ReadCounted(1, "LONG1 operand"), _opOffset); break;
            case Long4: value = ReadLong4(); break;
            case Float: value = PickleText.ParseFloatOperand(_in.ReadLine("FLOAT operand"), _opOffset); break;
            case BinFloat: value = _in.ReadDoubleBigEndian("BINFLOAT operand"); break;
            // Python 2 str: bytes shown as Latin-1 text, as pickle.load(..., encoding='latin1') does.
            case PickleOpcodes.String: value = PickleText.DecodeQuotedString(_in.ReadLine("STRING operand"), _opOffset); break;
            case BinString: value = PickleText.DecodeLatin1(_in.ReadCounted(4, "BINSTRING operand")); break;
            case ShortBinString: value = PickleText.DecodeLatin1(_in.ReadCounted(1, "SHORT_BINSTRING operand")); break;
            case Unicode: value = PickleText.DecodeRawUnicodeEscape(_in.ReadLine("UNICODE operand"), _opOffset); break;
            case BinUnicode: value = PickleText.DecodeUtf8(_in.ReadCounted(4, "BINUNICODE operand"), _opOffset); break;
            case ShortBinUnicode: value = PickleText.DecodeUtf8(_in.ReadCounted(1, "SHORT_BINUNICODE operand"), _opOffset); break;
            case BinUnicode8: value = PickleText.DecodeUtf8(_in.ReadCounted(8, "BINUNICODE8 operand"), _opOffset); break;
            case BinBytes: value = _in.ReadCounted(4, "BINBYTES operand").ToArray(); break;
            case ShortBinBytes: value = _in.ReadCounted(1, "SHORT_BINBYTES operand").ToArray(); break;
            case BinBytes8: value = _in.ReadCounted(8, "BINBYTES8 operand").ToArray(); break;
            case ByteArray8: value = _in.ReadCounted(8, "BYTEARRAY8 operand").ToArray(); break;
            default: return false;
        }
        Push(value);
        return true;
    }

    private long ReadLong4()
    {
        int length = _in.ReadInt32("LONG4 length");
        if (length < 0)
            throw Fail("LONG4 has a negative byte count.");
        return PickleText.DecodeSignedLittleEndian(_in.ReadBytes(length, "LONG4 operand"), _opOffset);
    }
}
