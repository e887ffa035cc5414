using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Features.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Tests.Features;

[TestClass]
public sealed class MiniLmModelTests
{
    // Empty, one word, punctuation only, cased, non-ASCII (accents, CJK, emoji, Cyrillic), an over-long word
    // (the package maps words over 50 characters to [UNK]) and texts long enough to be truncated at 512 pieces.
    private static readonly string[] Sentences =
    [
        "",
        "Okay.",
        "yes",
        "?!",
        "I can't believe you did that to me!",
        "WHY ARE YOU SHOUTING AT ME",
        "Oh my God, that's wonderful news, I'm so happy for you.",
        "Well, I guess we'll just have to wait and see what happens tomorrow.",
        "Naïve café owners rarely say déjà vu.",
        "Ich heiße Jürgen und wohne in Köln.",
        "東京は日本の首都です。",
        "Привет, как дела?",
        "That is hilarious 😂😂",
        "Supercalifragilisticexpialidociousandevenlongerwordsthanthatonewhichgoesonandon here",
        "   leading and trailing spaces   ",
        "Tab\tseparated\nand new line",
        "No. No. No. I told you already, I am not going to the party, not tonight and not ever.",
        "Mm-hmm.",
        "You know what, forget it.",
        string.Join(" ", Enumerable.Repeat("emotion", 600)),
        string.Join(" ", Enumerable.Range(0, 300).Select(i => $"word{i}, really")),
    ];

    [TestMethod]
    public void Embed_PretrainedWeights_EqualsThePackagesOnnxEncoder()
    {
        using var onnx = new MiniLmEncoder();
        var expected = onnx.Encode(Sentences, CancellationToken.None);

        using var model = MiniLmModel.Pretrained();
        var maxDiff = 0.0;
        // Small batches: mixed lengths in one batch also check that padding is masked.
        foreach (var batch in Enumerable.Range(0, Sentences.Length).Chunk(7))
        {
            var (ids, mask) = MiniLmTokenizer.Encode([.. batch.Select(i => Sentences[i])], CPU, out _);
            using var _ids = ids;
            using var _mask = mask;
            using var vectors = model.Embed(ids, mask);
            var actual = vectors.data<float>().ToArray();
            for (var b = 0; b < batch.Length; b++)
                for (var d = 0; d < UtteranceEmbeddingDefaults.Dimension; d++)
                    maxDiff = Math.Max(maxDiff, Math.Abs(actual[b * UtteranceEmbeddingDefaults.Dimension + d] - expected[batch[b]][d]));
        }

        Assert.IsLessThanOrEqualTo(1e-4, maxDiff, $"max |diff| = {maxDiff:G3}");
    }

    [TestMethod]
    public void Encode_TextLongerThan512Pieces_IsTruncatedTo512()
    {
        var (ids, mask) = MiniLmTokenizer.Encode([Sentences[^2], "short"], CPU, out var tokens);
        using var _ids = ids;
        using var _mask = mask;

        CollectionAssert.AreEqual(new long[] { 2, 512 }, ids.shape);
        Assert.AreEqual(512 + 3, tokens);
    }

    [TestMethod]
    public void PretrainedWeights_CoverEveryParameter_With22Point7MillionValues()
    {
        using var model = MiniLmModel.Pretrained();
        var count = model.parameters().Sum(p => p.numel());

        // 22.7 M in the ONNX model includes the pooler (384 × 384 + 384), which sentence vectors do not use.
        Assert.AreEqual(22_565_376L, count);
    }
}
