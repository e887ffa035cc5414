using System.Globalization;
using System.Text;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Decoders for the text operands of protocol 0 (Python 2's default) and for string payloads.
/// Python 2 <c>str</c> bytes are returned as Latin-1 text, like <c>pickle.load(f, encoding='latin1')</c>.
/// </summary>
internal static class PickleText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 (BINUNICODE family); invalid sequences are a format error.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, int offset)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PickleFormatException("string operand is not valid UTF-8.", offset, ex);
        }
    }

    /// <summary>Python 2 str bytes as text, one char per byte (Latin-1).</summary>
    public static string DecodeLatin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Text whose chars are all ≤ U+00FF back to bytes (how Latin-1-decoded raw data returns).</summary>
    public static byte[] Latin1Bytes(string text, long offset, string what)
    {
        var bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > '\u00ff')
                throw new PickleFormatException($"{what} has a character above U+00FF at index {i}; expected Latin-1 bytes.", offset);
            bytes[i] = (byte)text[i];
        }
        return bytes;
    }

    /// <summary>The STRING opcode's operand: a quoted Python-2 repr, escape-decoded, as Latin-1 text.</summary>
    public static string DecodeQuotedString(ReadOnlySpan<byte> line, int offset)
    {
        if (line.Length < 2 || line[0] != line[^1] || (line[0] != (byte)'\'' && line[0] != (byte)'"'))
            throw new PickleFormatException("the STRING operand must be quoted.", offset);
        var body = line[1..^1];
        var output = new byte[body.Length];
        int n = 0;
        for (int i = 0; i < body.Length; i++)
        {
            byte b = body[i];
            if (b != (byte)'\\')
            {
                output[n++] = b;
                continue;
            }
            if (++i >= body.Length)
                throw new PickleFormatException("the STRING operand ends with a lone backslash.", offset);
            byte c = body[i];
            switch (c)
            {
                case (byte)'\n': break;
                case (byte)'\\' or (byte)'\'' or (byte)'"': output[n++] = c; break;
                case (byte)'a': output[n++] = 7; break;
                case (byte)'b': output[n++] = 8; break;
                case (byte)'t': output[n++] = 9; break;
                case (byte)'n': output[n++] = 10; break;
                case (byte)'v': output[n++] = 11; break;
                case (byte)'f': output[n++] = 12; break;
                case (byte)'r': output[n++] = 13; break;
                case >= (byte)'0' and <= (byte)'7':
                    int value = c - '0';
                    for (int k = 0; k < 2 && i + 1 < body.Length && body[i + 1] is >= (byte)'0' and <= (byte)'7'; k++)
                        value = value * 8 + (body[++i] - '0');
                    output[n++] = (byte)value; // Python keeps the low byte of \400..\777 too
                    break;
                case (byte)'x':
                    if (!TryHex(body, i + 1, 2, out int hex))
                        throw new PickleFormatException($"invalid \\x escape at index {i - 1} of the STRING operand.", offset);
                    output[n++] = (byte)hex;
                    i += 2;
                    break;
                default: // unknown escapes are kept verbatim, as Python's escape_decode does
                    output[n++] = (byte)'\\';
                    output[n++] = c;
                    break;
            }
        }
        return Encoding.Latin1.GetString(output, 0, n);
    }

    /// <summary>The UNICODE opcode's operand ("raw-unicode-escape"): \uXXXX and \UXXXXXXXX, other bytes Latin-1.</summary>
    public static string DecodeRawUnicodeEscape(ReadOnlySpan<byte> line, int offset)
    {
        var sb = new StringBuilder(line.Length);
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] != (byte)'\\')
            {
                sb.Append((char)line[i++]);
                continue;
            }
            int run = 0;
            while (i + run < line.Length && line[i + run] == (byte)'\\')
                run++;
            int next = i + run;
            bool escape = run % 2 == 1 && next < line.Length && (line[next] == (byte)'u' || line[next] == (byte)'U');
            sb.Append('\\', escape ? run - 1 : run);
            i = next;
            if (!escape)
                continue;
            int digits = line[next] == (byte)'u' ? 4 : 8;
            if (!TryHex(line, next + 1, digits, out int code) || code > 0x10FFFF)
                throw new PickleFormatException($"invalid \\{(char)line[next]} escape at index {next - 1} of the UNICODE operand.", offset);
            if (code < 0x10000)
                sb.Append((char)code);
            else
                sb.Append(char.ConvertFromUtf32(code));
            i = next + 1 + digits;
        }
        return sb.ToString();
    }

    /// <summary>The INT opcode: "00"/"01" are False/True (Python 2 bools), anything else a decimal integer.</summary>
    public static object ParseIntOperand(ReadOnlySpan<byte> line, int offset)
    {
        if (line.SequenceEqual("00"u8)) return false;
        if (line.SequenceEqual("01"u8)) return true;
        return ParseInt64(line, offset, "INT");
    }

    /// <summary>The LONG opcode: a decimal integer with an optional trailing 'L'.</summary>
    public static long ParseLongOperand(ReadOnlySpan<byte> line, int offset) =>
        ParseInt64(line.Length > 0 && line[^1] == (byte)'L' ? line[..^1] : line, offset, "LONG");

    /// <summary>A decimal integer that must fit in 64 bits.</summary>
    public static long ParseInt64(ReadOnlySpan<byte> text, int offset, string what)
    {
        var trimmed = text.Trim(" \t\r"u8);
        if (trimmed.Length is 0 or > 64)
            throw new PickleFormatException($"{what} operand is not a decimal integer.", offset);
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            return value;
        throw new PickleFormatException($"{what} operand is not a decimal integer that fits in 64 bits.", offset);
    }

    /// <summary>The FLOAT opcode: Python's repr of a float (including inf / nan).</summary>
    public static double ParseFloatOperand(ReadOnlySpan<byte> line, int offset)
    {
        var text = Encoding.ASCII.GetString(line.Trim(" \t\r"u8)).ToLowerInvariant();
        switch (text)
        {
            case "inf" or "+inf" or "infinity" or "+infinity": return double.PositiveInfinity;
            case "-inf" or "-infinity": return double.NegativeInfinity;
            case "nan" or "+nan" or "-nan": return double.NaN;
        }
        if (text.Length is > 0 and <= 64 &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            return value;
        throw new PickleFormatException("FLOAT operand is not a number.", offset);
    }

    /// <summary>LONG1/LONG4 payload: little-endian two's complement, which must fit in 64 bits.</summary>
    public static long DecodeSignedLittleEndian(ReadOnlySpan<byte> bytes, int offset)
    {
        if (bytes.Length == 0)
            return 0;
        bool negative = (bytes[^1] & 0x80) != 0;
        byte fill = negative ? (byte)0xff : (byte)0;
        int n = bytes.Length;
        // Drop redundant sign-extension bytes so e.g. 2**63-1 written as 9 bytes still fits.
        while (n > 8 && bytes[n - 1] == fill && ((bytes[n - 2] & 0x80) != 0) == negative)
            n--;
        if (n > 8)
            throw new PickleFormatException("integer does not fit in 64 bits.", offset);
        ulong value = negative ? ulong.MaxValue : 0; // bytes shifted in from the right keep the sign fill above them
        for (int i = n - 1; i >= 0; i--)
            value = (value << 8) | bytes[i];
        return unchecked((long)value);
    }

    private static bool TryHex(ReadOnlySpan<byte> s, int start, int digits, out int value)
    {
        value = 0;
        if (start < 0 || start + digits > s.Length)
            return false;
        for (int k = 0; k < digits; k++)
        {
            int d = HexValue(s[start + k]);
            if (d < 0)
                return false;
            value = (value << 4) | d;
        }
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
