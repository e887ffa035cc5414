using ElrGnn.MLNet.Internal;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// BERT input embeddings: <c>e_t = LayerNorm( W_word[x_t] + W_pos[t] + W_type[0] )</c>, then dropout.
/// </summary>
/// <remarks>Shapes: token ids (B, T) int64 → (B, T, 384). Weight names as Hugging Face's:
/// <c>word_embeddings</c>, <c>position_embeddings</c>, <c>token_type_embeddings</c>, <c>LayerNorm</c>.
/// Every token has type 0, as the package's tokenizer gives for one sentence.</remarks>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;

    public BertEmbeddings(string name, double dropoutRate) : base(name)
    {
        word_embeddings = nn.Embedding(MiniLmConfig.VocabularySize, MiniLmConfig.Hidden);
        position_embeddings = nn.Embedding(MiniLmConfig.MaxPositions, MiniLmConfig.Hidden);
        token_type_embeddings = nn.Embedding(MiniLmConfig.TokenTypes, MiniLmConfig.Hidden);
        LayerNorm = nn.LayerNorm(MiniLmConfig.Hidden, MiniLmConfig.LayerNormEps);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var length = inputIds.shape[1];
        var positions = HeldScalar.Arange(length, ScalarType.Int64, inputIds.device).unsqueeze(0);
        var types = zeros_like(positions);
        var sum = word_embeddings.call(inputIds) + position_embeddings.call(positions) + token_type_embeddings.call(types);
        return dropout.call(LayerNorm.call(sum)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            word_embeddings.Dispose();
            position_embeddings.Dispose();
            token_type_embeddings.Dispose();
            LayerNorm.Dispose();
            dropout.Dispose();
        }
        base.Dispose(disposing);
    }
}
