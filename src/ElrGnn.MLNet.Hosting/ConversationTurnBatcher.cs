using System.Diagnostics;
using System.Threading.Channels;
using ElrGnn.MLNet.Prediction;
using Microsoft.Extensions.Options;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// Dynamic batching of live turns: turns of different conversations that arrive within
/// <see cref="DynamicBatchingOptions.MaxQueueDelay"/> of the first (up to <see cref="DynamicBatchingOptions.MaxBatchSize"/>)
/// are scored together by one <see cref="ConversationPredictor{TInput,TOutput}.AddTurns"/> call per model version.
/// A turn the model rejects fails only its own caller: the batch is then retried turn by turn.
/// One batch runs at a time (the network batch uses the cores). Thread-safe; a DI singleton.
/// </summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationTurnBatcher<TInput, TOutput> : IDisposable
    where TInput : class
    where TOutput : class, new()
{
    private readonly Channel<PendingTurn<TInput, TOutput>> _queue = Channel.CreateUnbounded<PendingTurn<TInput, TOutput>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly DynamicBatchingOptions _options;
    private readonly ConversationPredictorMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _loop;

    /// <summary>Creates the batcher (normally by dependency injection).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public ConversationTurnBatcher(IOptions<DynamicBatchingOptions> options, ConversationPredictorMetrics metrics)
    {
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchSize, 1, $"{nameof(DynamicBatchingOptions)}.{nameof(DynamicBatchingOptions.MaxBatchSize)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxQueueDelay, TimeSpan.Zero, $"{nameof(DynamicBatchingOptions)}.{nameof(DynamicBatchingOptions.MaxQueueDelay)}");
        _loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>
    /// Queues <paramref name="turn"/> as the next turn of <paramref name="stream"/> (a stream of <paramref name="model"/>'s
    /// predictor) and returns its prediction given the turns so far. The caller keeps <paramref name="model"/> leased
    /// until the task ends, and adds at most one turn per stream at a time.
    /// </summary>
    public Task<TOutput> AddTurnAsync(ConversationModel<TInput, TOutput> model, ConversationStream<TInput, TOutput> stream, TInput turn,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(turn);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var pending = new PendingTurn<TInput, TOutput>(model, stream, turn);
        _ = _loop.Value;
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(GetType().Name);
        // Cancelling stops the wait, not the scoring: a queued turn is still added to its stream.
        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the loop; turns still queued fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
            return;
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var pending))
            pending.Result.TrySetException(new ObjectDisposedException(GetType().Name));
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingTurn<TInput, TOutput>>(_options.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                batch.Clear();
                await CollectAsync(batch).ConfigureAwait(false);
                foreach (var group in batch.GroupBy(p => p.Model))
                    Score(group.Key, group.ToList());
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        foreach (var pending in batch)
            pending.Result.TrySetException(new ObjectDisposedException(GetType().Name));
    }

    private async Task CollectAsync(List<PendingTurn<TInput, TOutput>> batch)
    {
        long delay = (long)(_options.MaxQueueDelay.TotalSeconds * Stopwatch.Frequency);
        long deadline = Stopwatch.GetTimestamp() + delay;
        while (batch.Count < _options.MaxBatchSize)
        {
            if (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                if (batch.Count == 1)
                    deadline = Stopwatch.GetTimestamp() + delay; // the delay counts from the first turn, not from when the collector began to wait
                continue;
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (batch.Count > 0 && left <= TimeSpan.Zero)
                return;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            if (batch.Count > 0)
                wait.CancelAfter(left);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    return;
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                return; // the delay is over
            }
        }
    }

    private void Score(ConversationModel<TInput, TOutput> model, List<PendingTurn<TInput, TOutput>> group)
    {
        long start = Stopwatch.GetTimestamp();
        var outcomes = ScoreBatch(model, group);
        // Metrics before results: a caller released by its result may read them at once.
        _metrics.RecordBatch(model.Name, group.Count);
        _metrics.RecordScoring(model.Name, group.Count, start);
        for (int i = 0; i < group.Count; i++)
        {
            var (output, error) = outcomes[i];
            if (error is null)
                group[i].Result.TrySetResult(output!);
            else
                group[i].Result.TrySetException(error);
        }
    }

    private static (TOutput? Output, Exception? Error)[] ScoreBatch(ConversationModel<TInput, TOutput> model, List<PendingTurn<TInput, TOutput>> group)
    {
        try
        {
            var outputs = model.Predictor.AddTurns(group.Select(p => (p.Stream, p.Turn)).ToArray());
            return outputs.Select(o => ((TOutput?)o, (Exception?)null)).ToArray();
        }
        catch (Exception) when (group.Count > 1)
        {
            return group.Select(p => ScoreAlone(model, p)).ToArray();
        }
        catch (Exception e)
        {
            return [(null, e)];
        }
    }

    // A failed batch may have added some turns before the bad one: those are scored from their history, the rest
    // are added one by one so each bad turn fails only its own caller.
    private static (TOutput? Output, Exception? Error) ScoreAlone(ConversationModel<TInput, TOutput> model, PendingTurn<TInput, TOutput> pending)
    {
        try
        {
            var history = pending.Stream.History;
            var output = history.Count > 0 && ReferenceEquals(history[^1], pending.Turn)
                ? model.Predictor.Predict(history)[^1]
                : pending.Stream.Add(pending.Turn);
            return (output, null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }
}
