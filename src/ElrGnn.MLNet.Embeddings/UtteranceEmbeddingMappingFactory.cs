using Microsoft.ML.Transforms;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Rebuilds the embedding row mapping when a saved model is loaded. ML.NET stores only
/// <see cref="ContractName"/> in the model file and finds this class by it once
/// <c>mlContext.ComponentCatalog.RegisterAssembly(typeof(UtteranceEmbedder).Assembly)</c> has been called.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class UtteranceEmbeddingMappingFactory : CustomMappingFactory<UtteranceTextRow, UtteranceVectorRow>
{
    /// <summary>Contract saved in model files; changing it breaks loading of existing models.</summary>
    public const string ContractName = "ElrGnn.MLNet.Features.UtteranceEmbedding.MiniLM.v1";

    /// <summary>Private column the utterance is copied to before the mapping.</summary>
    internal const string InputColumn = "__ElrGnn_UtteranceEmbedding_Input__";

    /// <summary>Private column the mapping writes; copied to the user's output column afterwards.</summary>
    internal const string OutputColumn = "__ElrGnn_UtteranceEmbedding_Output__";

    /// <summary>A loaded model has no options, so it embeds through <see cref="UtteranceEmbedder.Default"/>.</summary>
    public override Action<UtteranceTextRow, UtteranceVectorRow> GetMapping() => CreateMapping(UtteranceEmbedder.Default);

    /// <summary>The row mapping: a cache lookup when the text was embedded before (e.g. by a batch warm-up), else one model call.</summary>
    internal static Action<UtteranceTextRow, UtteranceVectorRow> CreateMapping(UtteranceEmbedder embedder) =>
        // A copy: ML.NET may hand the array on in a buffer that a later row reuses, and the cache's array must stay intact.
        (source, destination) => destination.Vector = (float[])embedder.EmbedShared([source.Text], null, default)[0].Clone();
}
