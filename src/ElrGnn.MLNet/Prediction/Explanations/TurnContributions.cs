using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;

namespace ElrGnn.MLNet.Prediction.Explanations;

/// <summary>
/// Turn contributions by occlusion (the turn-level counterpart of ML.NET's feature contributions; PyG's occlusion
/// explainer is the pattern). For utterance i with predicted class ĉ_i, the contribution of another turn j is
/// p_i(ĉ_i | conversation) − p_i(ĉ_i | conversation without turn j, Π rebuilt for the shorter conversation). The
/// diagonal, i's own turn, is what the utterance says by itself: p_i(ĉ_i | utterance i alone) − 1/C.
/// </summary>
/// <remarks>
/// A conversation of N utterances needs N shortened copies (N − 1 utterances each) besides itself, plus N one-utterance
/// conversations for the diagonal. They are built in chunks and scored with the network directly, many per batch,
/// instead of N pipeline calls; chunks bound the memory, which for one conversation grows as N². (Blanking the own
/// turn's features instead would cost N more full-length passes, doubling the time.)
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

        RecordOwnTurns(scorer, graphOptions, usesPi, conversations, results);
        foreach (var chunk in Chunks(conversations))
        {
            var variants = chunk.Select(v => ConversationOcclusion.WithoutTurn(conversations[v.Conversation], v.Position)).ToList();
            var scores = scorer.Score(variants, Propagation(variants, graphOptions, usesPi));
            for (int v = 0; v < chunk.Count; v++)
                Record(results[chunk[v].Conversation], chunk[v].Position, scores[v], classes);
        }
        return results;
    }

    // Contribution = full-conversation probability of the predicted class minus the one without turn j.
    private static void Record(Result result, int j, float[] occluded, int classes)
    {
        for (int i = 0; i < result.Predicted.Length; i++)
        {
            if (i == j)
                continue;
            int c = result.Predicted[i];
            int shifted = i < j ? i : i - 1;
            result.Matrix[i][j] = result.Probabilities[i * classes + c] - occluded[shifted * classes + c];
        }
    }

    // The diagonal: every utterance alone (Π of one node is the same for all), in one pass.
    private static void RecordOwnTurns(ElrGnnTransformer scorer, ConversationGraphOptions graphOptions, bool usesPi,
        IReadOnlyList<Conversation> conversations, Result[] results)
    {
        int classes = scorer.LabelNames.Count;
        var owners = conversations.SelectMany((c, k) => Enumerable.Range(0, c.Length).Select(i => (k, i))).ToList();
        var alone = owners.Select(o => ConversationOcclusion.Alone(conversations[o.k], o.i)).ToList();
        var self = usesPi ? ConversationGraphPrecompute.RunOne([0], graphOptions) : null;
        var scores = scorer.Score(alone, Enumerable.Repeat(self!, alone.Count).ToArray());
        for (int a = 0; a < owners.Count; a++)
        {
            var (k, i) = owners[a];
            results[k].Matrix[i][i] = scores[a][results[k].Predicted[i]] - 1f / classes;
        }
    }

    // Every conversation's shortened copies, grouped so that one group holds about UtterancesPerChunk utterances.
    private static IEnumerable<List<OcclusionVariant>> Chunks(IReadOnlyList<Conversation> conversations)
    {
        var chunk = new List<OcclusionVariant>();
        int utterances = 0;
        for (int k = 0; k < conversations.Count; k++)
        {
            int n = conversations[k].Length;
            for (int position = 0; n > 1 && position < n; position++)
            {
                chunk.Add(new OcclusionVariant(k, position));
                utterances += n - 1;
                if (utterances >= UtterancesPerChunk)
                {
                    yield return chunk;
                    chunk = [];
                    utterances = 0;
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
