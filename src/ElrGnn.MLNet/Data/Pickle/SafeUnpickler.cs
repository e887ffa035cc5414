namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Reads Python pickles (protocols 0–5, including Python 2 files) without executing anything.
/// </summary>
/// <remarks>
/// <para>
/// Only data opcodes and an allow-list of globals are understood: numpy arrays
/// (<c>numpy.core.multiarray._reconstruct</c> / <c>numpy._core…</c>, <c>numpy.ndarray</c>,
/// <c>numpy.dtype</c>, numpy scalars, protocol-5 <c>_frombuffer</c>), <c>_codecs.encode(str, 'latin1')</c>,
/// <c>set</c>, <c>frozenset</c> and empty <c>bytes()</c>. Any other global (e.g. <c>os.system</c>,
/// <c>builtins.eval</c>) raises <see cref="PickleSecurityException"/> as soon as it is referenced.
/// Malformed or truncated input raises <see cref="PickleFormatException"/> with the byte offset; no other
/// exception type escapes for any input.
/// </para>
/// <para>
/// Result model: None → null, bool → <see cref="bool"/>, int → <see cref="long"/> (must fit in 64 bits),
/// float → <see cref="double"/>, str → <see cref="string"/> (Python 2 str is decoded as Latin-1, like
/// <c>encoding='latin1'</c>), bytes → <see cref="byte"/>[], list → <see cref="List{T}"/> of object?,
/// tuple → object?[], dict → <see cref="Dictionary{TKey, TValue}"/> of object → object? (keys str or int),
/// set/frozenset → <see cref="HashSet{T}"/> of object?, numpy float arrays → <see cref="NumpyArray"/>,
/// numpy scalars → bool/long/double.
/// </para>
/// <para>
/// Memory stays proportional to the input size: the file is read once into memory, every length prefix
/// is checked against the bytes left before anything is allocated, and <see cref="UnpicklerLimits"/> bounds
/// the stack, the MARK depth and the nesting of the result.
/// </para>
/// </remarks>
public sealed class SafeUnpickler
{
    /// <summary>Creates a reader.</summary>
    /// <param name="limits">Bounds against hostile input; default <see cref="UnpicklerLimits.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of its documented range.</exception>
    public SafeUnpickler(UnpicklerLimits? limits = null)
    {
        Limits = limits ?? UnpicklerLimits.Default;
        Limits.Validate();
    }

    /// <summary>The limits in force.</summary>
    public UnpicklerLimits Limits { get; }

    /// <summary>Unpickles a whole byte array.</summary>
    /// <param name="pickle">The pickle bytes; bytes after STOP are ignored, as Python does.</param>
    /// <returns>The unpickled object graph (see the result model in the remarks).</returns>
    /// <exception cref="PickleFormatException">Malformed, truncated, unsupported or over a limit.</exception>
    /// <exception cref="PickleSecurityException">A global outside the allow-list is referenced.</exception>
    public object? Load(byte[] pickle)
    {
        ArgumentNullException.ThrowIfNull(pickle);
        if (pickle.LongLength > Limits.MaxInputBytes)
            throw new PickleFormatException($"the pickle has {pickle.LongLength} bytes, more than UnpicklerLimits.MaxInputBytes = {Limits.MaxInputBytes}.", -1);
        return new PickleMachine(new PickleInput(pickle, pickle.Length), Limits).Run();
    }

    /// <summary>Reads <paramref name="stream"/> to its end (at most <see cref="UnpicklerLimits.MaxInputBytes"/>) and unpickles it.</summary>
    /// <param name="stream">A readable stream positioned at the pickle; it is not closed.</param>
    /// <returns>The unpickled object graph.</returns>
    /// <exception cref="PickleFormatException">Malformed, truncated, unsupported or over a limit.</exception>
    /// <exception cref="PickleSecurityException">A global outside the allow-list is referenced.</exception>
    public object? Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (buffer, length) = ReadAll(stream);
        return new PickleMachine(new PickleInput(buffer, length), Limits).Run();
    }

    /// <summary>Unpickles a file.</summary>
    /// <param name="path">Path of the pickle file.</param>
    /// <returns>The unpickled object graph.</returns>
    /// <exception cref="PickleFormatException">Malformed, truncated, unsupported or over a limit.</exception>
    /// <exception cref="PickleSecurityException">A global outside the allow-list is referenced.</exception>
    public object? LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    private (byte[] Buffer, int Length) ReadAll(Stream stream)
    {
        long max = Limits.MaxInputBytes;
        if (stream.CanSeek && stream.Length - stream.Position > max)
            throw new PickleFormatException($"the pickle has {stream.Length - stream.Position} bytes, more than UnpicklerLimits.MaxInputBytes = {max}.", -1);
        int capacity = (int)Math.Min(max, stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 1 << 16);
        var buffer = new byte[Math.Max(capacity, 1)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // Full: one probe byte tells the end of the stream from more data, without doubling the buffer.
                int probe = stream.ReadByte();
                if (probe < 0)
                    break;
                if (length >= max)
                    throw new PickleFormatException($"the pickle is longer than UnpicklerLimits.MaxInputBytes = {max}.", -1);
                Array.Resize(ref buffer, (int)Math.Min(max, Math.Max(buffer.Length * 2L, 16)));
                buffer[length++] = (byte)probe;
                continue;
            }
            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
                break;
            length += read;
        }
        return (buffer, length);
    }
}
