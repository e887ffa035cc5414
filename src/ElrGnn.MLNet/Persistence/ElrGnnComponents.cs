using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// Makes ElrGnn.MLNet components loadable by <c>mlContext.Model.Load</c>, and loads model files with clear errors.
/// </summary>
/// <remarks>
/// ML.NET finds a saved component's loader in the <see cref="MLContext"/>'s component catalog, which starts out
/// knowing only ML.NET's own components. The ElrGnn catalog methods register ours on the context they are called
/// on; a context that only loads a model must call <see cref="Register(MLContext)"/> once, or use
/// <see cref="Load(MLContext, string, out DataViewSchema)"/>, which registers and loads in one step.
/// </remarks>
/// <example>
/// <code>
/// var mlContext = new MLContext();
/// ElrGnnComponents.Register(mlContext);
/// var model = mlContext.Model.Load("elrgnn.zip", out var inputSchema);
/// </code>
/// </example>
public static class ElrGnnComponents
{
    private static readonly Assembly Library = typeof(ElrGnnComponents).Assembly;

    /// <summary>
    /// Registers the loaders of all ElrGnn.MLNet components with <paramref name="mlContext"/>'s component catalog.
    /// Safe to call more than once.
    /// </summary>
    /// <param name="mlContext">The context that will load models.</param>
    /// <returns>The same context, for chaining.</returns>
    public static MLContext Register(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        Register((IHostEnvironment)mlContext);
        return mlContext;
    }

    /// <summary>
    /// Registers the components, then loads a model saved with <c>mlContext.Model.Save</c>.
    /// </summary>
    /// <param name="mlContext">The context to load into.</param>
    /// <param name="filePath">The model zip.</param>
    /// <param name="inputSchema">The input schema saved with the model, or null if none was saved.</param>
    /// <returns>The loaded model.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFileException">The file is corrupt, truncated, or written by an incompatible version.</exception>
    public static ITransformer Load(MLContext mlContext, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var stream = File.OpenRead(filePath);
        return LoadCore(mlContext, stream, filePath, out inputSchema);
    }

    /// <summary>
    /// Registers the components, then loads a model saved with <c>mlContext.Model.Save</c> from a stream.
    /// </summary>
    /// <param name="mlContext">The context to load into.</param>
    /// <param name="stream">A readable, seekable stream holding the model zip; left open.</param>
    /// <param name="inputSchema">The input schema saved with the model, or null if none was saved.</param>
    /// <returns>The loaded model.</returns>
    /// <exception cref="ModelFileException">The stream is corrupt, truncated, or written by an incompatible version.</exception>
    public static ITransformer Load(MLContext mlContext, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(stream);
        return LoadCore(mlContext, stream, null, out inputSchema);
    }

    /// <summary>Registers the library's loaders with any environment (used by the catalog methods).</summary>
    internal static void Register(IHostEnvironment env) => LoadableRegistry.RegisterAssembly(env, Library);

    private static ITransformer LoadCore(MLContext mlContext, Stream stream, string? path, out DataViewSchema inputSchema)
    {
        Register(mlContext);
        try
        {
            return mlContext.Model.Load(stream, out inputSchema);
        }
        catch (Exception ex)
        {
            if (TranslateLoadFailure(ex, path) is { } modelFileError)
                throw modelFileError;
            ExceptionDispatchInfo.Throw(Unwrap(ex));
            throw; // unreachable
        }
    }

    /// <summary>
    /// Decoding failures (zip, header, ours or ML.NET's components) and components whose assembly or type is absent
    /// (the file is already open, so a missing file here is an assembly) become one <see cref="ModelFileException"/>
    /// naming the file; null for anything else (e.g. a native library that cannot load), which is rethrown as is.
    /// </summary>
    internal static ModelFileException? TranslateLoadFailure(Exception ex, string? path)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (ModelFileException.IsDecodeFailure(e) || e is FileNotFoundException or FileLoadException or TypeLoadException)
                return ModelFileException.ForFile(path, ex);
        }
        return null;
    }

    // The catalog invokes loaders by reflection; callers want the loader's own exception.
    internal static Exception Unwrap(Exception ex)
    {
        while (ex is TargetInvocationException { InnerException: { } inner })
            ex = inner;
        return ex;
    }
}
