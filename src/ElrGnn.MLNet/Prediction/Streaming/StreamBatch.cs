namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// Scores the next turn of several incremental streams in one network batch (dynamic batching across live
/// conversations): read and check every turn, one <see cref="StreamingNetwork.Step"/>, one output row per turn, and
/// only then commit the turns to their streams, so a bad turn leaves every stream of the call unchanged.
/// </summary>
internal static class StreamBatch
{
    /// <summary>Runs the batch; the caller holds every stream's gate.</summary>
    public static TOutput[] Run<TInput, TOutput>(IReadOnlyList<(ConversationStream<TInput, TOutput> Stream, TInput Turn)> turns)
        where TInput : class
        where TOutput : class, new()
    {
        if (turns.Count == 0)
            return [];
        var streaming = turns[0].Stream.Streaming!;
        var prepared = turns.Select(t => t.Stream.Prepare(t.Turn)).ToArray();
        var steps = streaming.Network.Step(turns.Select((t, i) => (t.Stream.Cache, prepared[i].Turn)).ToArray());
        var outputs = steps.Select((s, i) => streaming.Output(prepared[i].View, s.Probabilities)).ToArray();
        for (int i = 0; i < turns.Count; i++)
            turns[i].Stream.Commit(turns[i].Turn, steps[i]);
        return outputs;
    }

    /// <summary>
    /// Adds one turn to each stream: incremental streams of the same model in one batch, the others (full-rerun
    /// fallback) one by one. Takes the gates in creation order, so concurrent calls cannot deadlock.
    /// </summary>
    public static IReadOnlyList<TOutput> AddTurns<TInput, TOutput>(IReadOnlyList<(ConversationStream<TInput, TOutput> Stream, TInput Turn)> turns)
        where TInput : class
        where TOutput : class, new()
    {
        var seen = new HashSet<ConversationStream<TInput, TOutput>>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < turns.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(turns[i].Stream, $"turns[{i}].Stream");
            ArgumentNullException.ThrowIfNull(turns[i].Turn, $"turns[{i}].Turn");
            if (!seen.Add(turns[i].Stream))
                throw new ArgumentException($"A stream appears more than once (pair {i}); add its turns in separate calls.", nameof(turns));
        }
        var ordered = turns.Select(t => t.Stream).OrderBy(s => s.Id).ToArray();
        int entered = 0;
        try
        {
            foreach (var stream in ordered)
            {
                stream.Gate.Enter();
                entered++;
            }
            var results = new TOutput[turns.Count];
            foreach (var group in Enumerable.Range(0, turns.Count).GroupBy(i => (object?)turns[i].Stream.Streaming ?? turns[i].Stream))
            {
                var indices = group.ToArray();
                if (turns[indices[0]].Stream.Streaming is null)
                {
                    foreach (int i in indices)
                        results[i] = turns[i].Stream.AddByRerun(turns[i].Turn);
                    continue;
                }
                var batch = Run(indices.Select(i => turns[i]).ToArray());
                for (int k = 0; k < indices.Length; k++)
                    results[indices[k]] = batch[k];
            }
            return results;
        }
        finally
        {
            for (int k = 0; k < entered; k++)
                ordered[k].Gate.Exit();
        }
    }
}
