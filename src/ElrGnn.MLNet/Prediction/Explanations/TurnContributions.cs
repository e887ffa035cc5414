using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;

namespace ElrGnn.MLNet.Prediction.Explanations;

/// <summary>
/// Turn contributions by occlusion (the turn-level counterpart of ML.NET's feature contributions; PyG's occlusion
/// explainer is the pattern). For utterance i with predicted class ĉ_i, the contribution of another turn j is
/// p_i(ĉ_i | conversation) − p_i(ĉ_i | conversation without turn j, Π rebuilt for the shorter conversation); the
/// contribution of i's own turn is p_i(ĉ_i | conversation) − p_i(ĉ_i | i's features all zero).
/// </summary>
/// <remarks>
/// A conversation of N utterances needs 2N occluded copies besides itself. They are built in chunks and scored with
/// the network directly, many per batch, instead of N pipeline calls; chunks bound the memory, which for one
/// conversation grows as N².
/// </remarks>
internal static class TurnContributions
{
    // Utterances scored per network call: about as many as ScoringBatchSize conversations of IEMOCAP length.
    private const int UtterancesPerChunk = 8192;

    /// <summary>The full-conversation scores and contributions of each conversation.</summary>
    /// <param name="Probabilities">N × C row-major probabilities with the whole conversation.</param>
    /// <param name="Predicted">ĉ_i per utterance.</param>
    /// <param name="Matrix">N × N: <c>Matrix[i][j]</c> is turn j's contribution to utterance i.</param>
    public sealed record Result(float[] Probabilities, int[] Predicted, float[][] Matrix);

    /// <summary>Computes the contributions for every utterance of every conversation.</summary>
    /// <param name="scorer">The trained network step.</param>
    /// <param name="graphOptions">The options Π is built with (as the pipeline builds it).</param>
    /// <param name="conversations">The conversations, as the scorer reads them.</param>
    public static Result[] Compute(ElrGnnTransformer scorer, ConversationGraphOptions graphOptions, IReadOnlyList<Conversation> conversations)
    {
        int classes = scorer.LabelNames.Count;
        bool usesPi = scorer.NetworkConfig.UseGfpBranch;
        var fullPi = Propagation(conversations, graphOptions, usesPi);
        var full = scorer.Score(conversations, fullPi);
        var results = new Result[conversations.Count];
        for (int k = 0; k < results.Length; k++)
        {
            int n = conversations[k].Length;
            results[k] = new Result(full[k], NetworkPredictor.ArgMax(full[k], classes),
                Enumerable.Range(0, n).Select(_ => new float[n]).ToArray());
        }

        foreach (var chunk in Chunks(conversations))
        {
            var variants = chunk.Select(v => v.RemovesTurn
                ? ConversationOcclusion.WithoutTurn(conversations[v.Conversation], v.Position)
                : ConversationOcclusion.WithoutContent(conversations[v.Conversation], v.Position)).ToList();
            var removed = Enumerable.Range(0, chunk.Count).Where(v => chunk[v].RemovesTurn).ToList();
            var removedPi = Propagation(removed.Select(v => variants[v]).ToList(), graphOptions, usesPi);
            var pi = new SparseRows[chunk.Count];
            for (int v = 0; v < chunk.Count; v++)
                pi[v] = fullPi[chunk[v].Conversation];
            for (int r = 0; r < removed.Count; r++)
                pi[removed[r]] = removedPi[r];
            var scores = scorer.Score(variants, pi);
            for (int v = 0; v < chunk.Count; v++)
                Record(results[chunk[v].Conversation], chunk[v], scores[v], classes);
        }
        return results;
    }

    // Contribution = full-conversation probability of the predicted class minus the occluded one.
    private static void Record(Result result, OcclusionVariant variant, float[] occluded, int classes)
    {
        int n = result.Predicted.Length;
        int j = variant.Position;
        if (!variant.RemovesTurn)
        {
            int c = result.Predicted[j];
            result.Matrix[j][j] = result.Probabilities[j * classes + c] - occluded[j * classes + c];
            return;
        }
        for (int i = 0; i < n; i++)
        {
            if (i == j)
                continue;
            int c = result.Predicted[i];
            int shifted = i < j ? i : i - 1;
            result.Matrix[i][j] = result.Probabilities[i * classes + c] - occluded[shifted * classes + c];
        }
    }

    // Every conversation's occluded copies, grouped so that one group holds about UtterancesPerChunk utterances.
    private static IEnumerable<List<OcclusionVariant>> Chunks(IReadOnlyList<Conversation> conversations)
    {
        var chunk = new List<OcclusionVariant>();
        int utterances = 0;
        for (int k = 0; k < conversations.Count; k++)
        {
            int n = conversations[k].Length;
            for (int position = 0; position < n; position++)
            {
                foreach (bool removesTurn in n > 1 ? [false, true] : new[] { false })
                {
                    var variant = new OcclusionVariant(k, position, removesTurn);
                    chunk.Add(variant);
                    utterances += variant.Length(n);
                    if (utterances >= UtterancesPerChunk)
                    {
                        yield return chunk;
                        chunk = [];
                        utterances = 0;
                    }
                }
            }
        }
        if (chunk.Count > 0)
            yield return chunk;
    }

    // Π only when the network reads it (the GFP branch); otherwise placeholders the scorer ignores.
    private static SparseRows[] Propagation(IReadOnlyList<Conversation> conversations, ConversationGraphOptions options, bool needed) =>
        needed
            ? ConversationGraphPrecompute.Run(conversations.Select(c => c.SpeakerIndex).ToList(), options)
            : new SparseRows[conversations.Count];
}
