using Microsoft.Extensions.Hosting;

namespace ElrGnn.MLNet.Hosting;

/// <summary>Loads the pool's models in the background when the host starts, so readiness turns healthy without a first request.</summary>
internal sealed class ConversationModelWarmup<TInput, TOutput>(ConversationPredictorPool<TInput, TOutput> pool) : BackgroundService
    where TInput : class
    where TOutput : class, new()
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await pool.LoadAllAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Logged by the pool and reported by the health check; the next request or file change tries again.
        }
    }
}
