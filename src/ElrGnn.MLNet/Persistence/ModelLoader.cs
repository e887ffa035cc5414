using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// The entry point ML.NET's component catalog calls to load a <typeparamref name="TSelf"/>: opens the context for
/// the type's format and turns every decoding failure into one <see cref="ModelFileException"/> naming the component.
/// </summary>
/// <typeparam name="TSelf">The transformer to load.</typeparam>
internal static class ModelLoader<TSelf>
    where TSelf : class, ITransformer, IModelLoadable<TSelf>
{
    /// <summary>The <see cref="Create"/> method, as the catalog needs it.</summary>
    public static MethodInfo CreateMethod { get; } = typeof(ModelLoader<TSelf>).GetMethod(nameof(Create))!;

    /// <summary>Called by ML.NET with its internal <c>ModelLoadContext</c> as <paramref name="ctx"/>.</summary>
    public static TSelf Create(IHostEnvironment env, object ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        try
        {
            var reader = ModelReader.Open(ctx, TSelf.Format);
            return TSelf.Load(env, reader);
        }
        catch (ModelFileException)
        {
            throw;
        }
        catch (Exception ex) when (ModelFileException.IsDecodeFailure(ex))
        {
            throw ModelFileException.ForComponent(TSelf.Format, ex);
        }
    }

    /// <summary>Registers <see cref="Create"/> for the type's loader signature with the environment's catalog (idempotent).</summary>
    public static void Register(IHostEnvironment env)
        => MlNetInternals.RegisterLoadable(env, typeof(TSelf), TSelf.Format.LoaderSignature, CreateMethod);
}
