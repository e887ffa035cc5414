using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// Readiness: healthy when every model of the pool has a loaded version (data: version and load time per model),
/// unhealthy before the first load or when it failed (description: which model and why).
/// </summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationModelHealthCheck<TInput, TOutput>(ConversationPredictorPool<TInput, TOutput> pool) : IHealthCheck
    where TInput : class
    where TOutput : class, new()
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var missing = new List<string>();
        foreach (var name in pool.ModelNames)
        {
            string label = name.Length == 0 ? "default" : name;
            if (pool.IsLoaded(name))
            {
                var model = pool.GetModel(name);
                data[label] = $"version {model.Version}, loaded {model.LoadedAt:O}";
            }
            else
            {
                var error = pool.LastLoadError(name);
                missing.Add(error is null ? $"model '{label}' is not loaded yet" : $"model '{label}' failed to load: {error.Message}");
            }
        }
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("All conversation models are loaded.", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", missing), data: data));
    }
}
