using System.Diagnostics;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Output;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Prediction;
using Microsoft.ML;

namespace ElrGnn.Cli.Bench;

/// <summary>
/// How faithful and how fast the turn explanations are. Faithfulness is a deletion test: for every utterance with at
/// least <see cref="MinContextTurns"/> context turns, delete its top-3 attributed context turns (one shortened
/// conversation) and, separately, 3 random context turns (seeded, several draws), rescore, and compare the drops of
/// the predicted class's probability. Explanations that point at the turns the model uses give a much larger drop
/// than random turns (target: ratio ≥ 2). Speed is the median time to explain one 100-turn conversation.
/// </summary>
internal static class ExplanationBenchmark
{
    /// <summary>Context turns an utterance needs to be measured (3 deleted, at least one left).</summary>
    public const int MinContextTurns = 4;

    /// <summary>Turns deleted per utterance.</summary>
    public const int Deleted = 3;

    /// <summary>Default length of the conversation whose explanation is timed.</summary>
    public const int TimedLength = 100;

    // Joins a conversation id and a variant name: the variants of one conversation are scored in one Predict call.
    private const char VariantSeparator = '\u001f';

    /// <summary>Runs the benchmark on the conversations of <paramref name="test"/>.</summary>
    /// <param name="ml">The model's context.</param>
    /// <param name="model">A fitted or loaded ELR-GNN pipeline.</param>
    /// <param name="inputSchema">The model's input schema (gives the feature vector sizes).</param>
    /// <param name="test">Raw rows (dialogue id, turn, speaker, features or text), e.g. the test split.</param>
    /// <param name="seed">Seed of the random deletions. Default 1.</param>
    /// <param name="randomDraws">Random deletions per utterance (≥ 1). Default 3.</param>
    /// <param name="timingRuns">Timed explanations of the 100-turn conversation (≥ 3 for a median). Default 3.</param>
    /// <param name="timedTurns">Turns of the timed conversation. Default 100 (tests use fewer).</param>
    /// <param name="cancellationToken">Checked between conversations.</param>
    public static ExplanationBenchResult Run(MLContext ml, ITransformer model, Microsoft.ML.DataViewSchema inputSchema, IDataView test,
        int seed = 1, int randomDraws = 3, int timingRuns = 3, int timedTurns = TimedLength, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timedTurns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(randomDraws, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(timingRuns, 1);
        var predictor = model.CreateConversationPredictor<InputRow, ScoreRow>(ml, inputSchema);
        var conversations = ml.Data.CreateEnumerable<InputRow>(test, reuseRowObject: false, ignoreMissingColumns: true)
            .GroupBy(r => r.DialogueId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.Turn).ToList())
            .ToList();
        if (conversations.Count == 0)
            throw new CliUsageException("The data has no utterances to explain.");

        var rng = new Random(seed);
        double topSum = 0, randomSum = 0;
        int utterances = 0, measuredConversations = 0;
        foreach (var conversation in conversations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (conversation.Count - 1 < MinContextTurns)
                continue;
            var (top, random, count) = Measure(predictor, conversation, rng, randomDraws);
            topSum += top;
            randomSum += random;
            utterances += count;
            measuredConversations++;
        }
        if (utterances == 0)
            throw new CliUsageException($"No conversation has an utterance with {MinContextTurns} context turns: nothing to measure.");

        double topMean = topSum / utterances, randomMean = randomSum / utterances;
        double seconds = TimeExplanation(predictor, conversations, timedTurns, timingRuns);
        return new ExplanationBenchResult(topMean, randomMean, randomMean > 0 ? topMean / randomMean : null, utterances,
            measuredConversations, randomDraws, seed, seconds, timedTurns, timingRuns);
    }

    // Sums of the top-3 and random-3 drops (the latter averaged over the draws) over one conversation's measured utterances.
    private static (double Top, double Random, int Count) Measure(ConversationPredictor<InputRow, ScoreRow> predictor,
        List<InputRow> conversation, Random rng, int draws)
    {
        var explanation = predictor.Explain(conversation, top: Deleted).Single();
        var variants = new List<InputRow>();
        var probes = new List<(int Utterance, bool IsTop, int Row)>();
        for (int i = 0; i < conversation.Count; i++)
        {
            var topTurns = explanation.Utterances[i].TurnContributions.Select(t => t.Turn).ToHashSet();
            probes.Add((i, true, AddVariant(variants, conversation, $"top{i}", i, topTurns)));
            var context = Enumerable.Range(0, conversation.Count).Where(j => j != i).ToArray();
            for (int d = 0; d < draws; d++)
            {
                var chosen = context.OrderBy(_ => rng.Next()).Take(Deleted).Select(j => conversation[j].Turn).ToHashSet();
                probes.Add((i, false, AddVariant(variants, conversation, $"random{i}.{d}", i, chosen)));
            }
        }
        var scores = predictor.Predict(variants);
        double top = 0, random = 0;
        foreach (var (i, isTop, row) in probes)
        {
            var u = explanation.Utterances[i];
            double drop = u.Probability - scores[row].Score[u.PredictedClass];
            if (isTop)
                top += drop;
            else
                random += drop / draws;
        }
        return (top, random, conversation.Count);
    }

    // Appends the conversation without the turns in <deleted> under a variant id; returns the row of utterance <i>.
    private static int AddVariant(List<InputRow> variants, List<InputRow> conversation, string name, int i, HashSet<int> deleted)
    {
        int row = -1;
        string id = $"{conversation[0].DialogueId}{VariantSeparator}{name}";
        for (int j = 0; j < conversation.Count; j++)
        {
            if (deleted.Contains(conversation[j].Turn))
                continue;
            if (j == i)
                row = variants.Count;
            variants.Add(Copy(conversation[j], id, conversation[j].Turn));
        }
        return row;
    }

    // The median seconds of Explain on one conversation of <turns> turns (conversations joined end to end when none
    // is that long), after one untimed warm-up run.
    private static double TimeExplanation(ConversationPredictor<InputRow, ScoreRow> predictor, List<List<InputRow>> conversations, int turns, int runs)
    {
        var rows = conversations.OrderByDescending(c => c.Count).SelectMany(c => c)
            .Concat(Enumerable.Repeat(0, turns).SelectMany(_ => conversations.SelectMany(c => c)))
            .Take(turns)
            .Select((r, t) => Copy(r, $"timed-{turns}", t))
            .ToList();
        predictor.Explain(rows);
        var seconds = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            predictor.Explain(rows);
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        return MetricsJson.Median(seconds)!.Value;
    }

    private static InputRow Copy(InputRow r, string dialogueId, int turn) => new()
    {
        DialogueId = dialogueId, Turn = turn, Speaker = r.Speaker, Label = r.Label, Split = r.Split, Utterance = r.Utterance,
        LabelIndex = r.LabelIndex, Text = r.Text, Audio = r.Audio, Visual = r.Visual,
    };
}
