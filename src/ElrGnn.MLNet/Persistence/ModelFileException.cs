namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// A model file could not be read because it is corrupt (random bytes, truncated, tampered entries) or
/// incompatible (written by a newer or unknown version of a component). The message says which, and
/// <see cref="Exception.InnerException"/> keeps ML.NET's or the reader's original error.
/// </summary>
public sealed class ModelFileException : IOException
{
    /// <summary>Creates the exception with the standard message prefix.</summary>
    public ModelFileException()
        : this("The model file is corrupt or incompatible.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public ModelFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the error that revealed the problem.</summary>
    public ModelFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    // What went wrong inside one component, without the file prefix (set by ForComponent).
    private string? _componentDetail;

    /// <summary>Wraps a failure to read one component of a model: names the component and keeps the cause.</summary>
    internal static ModelFileException ForComponent(ModelFormat format, Exception cause)
    {
        var detail = $"component {format} could not be read: {cause.Message}";
        return new($"The model file is corrupt or incompatible: {detail}", cause) { _componentDetail = detail };
    }

    /// <summary>Wraps a failure to read a whole model file (zip, header, or a component) and names the file.</summary>
    internal static ModelFileException ForFile(string? path, Exception cause)
    {
        var which = path is null ? "The model stream" : $"The model file '{path}'";
        var own = FindIn(cause);
        return own?._componentDetail is { } detail
            ? new($"{which} is corrupt or incompatible: {detail}", own)
            : new($"{which} is corrupt or incompatible with this version of ElrGnn.MLNet / Microsoft.ML: {Innermost(cause).Message}", cause);
    }

    /// <summary>The first <see cref="ModelFileException"/> in an exception's chain of inner exceptions, if any.</summary>
    internal static ModelFileException? FindIn(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is ModelFileException own)
                return own;
        }
        return null;
    }

    /// <summary>
    /// True for the errors that reading a damaged or foreign file produces: bad format, unexpected end,
    /// out-of-range values decoded from the file, zip damage.
    /// </summary>
    internal static bool IsDecodeFailure(Exception ex)
        => ex is FormatException or EndOfStreamException or InvalidDataException or ArgumentException or OverflowException
            or IndexOutOfRangeException
            || (ex is IOException && ex is not FileNotFoundException and not DirectoryNotFoundException);

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
            ex = ex.InnerException;
        return ex;
    }
}
