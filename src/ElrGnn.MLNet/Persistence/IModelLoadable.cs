using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// A transformer that <c>mlContext.Model.Load</c> can rebuild: its format identity and a loader that reads the
/// fields its <c>ICanSaveModel.Save</c> wrote through <see cref="ModelWriter"/>, in the same order.
/// </summary>
/// <remarks>
/// Implement it explicitly (a public transformer may implement this internal interface). <see cref="LoadableRegistry"/>
/// finds implementations in an assembly and registers <see cref="ModelLoader{TSelf}.Create"/> for
/// <see cref="ModelFormat.LoaderSignature"/> with a context's component catalog.
/// </remarks>
/// <typeparam name="TSelf">The implementing transformer.</typeparam>
internal interface IModelLoadable<TSelf>
    where TSelf : class, ITransformer, IModelLoadable<TSelf>
{
    /// <summary>The format this type writes and reads.</summary>
    static abstract ModelFormat Format { get; }

    /// <summary>
    /// Rebuilds the transformer. The header and version are already checked; read the main stream to its end
    /// (ML.NET checks that) and binary entries with <see cref="ModelReader.ReadStream"/>. Throw
    /// <see cref="InvalidDataException"/> for values that cannot be right; it is reported as a corrupt file.
    /// </summary>
    static abstract TSelf Load(IHostEnvironment env, ModelReader reader);
}
