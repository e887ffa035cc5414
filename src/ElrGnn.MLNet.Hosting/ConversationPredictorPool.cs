using System.Diagnostics;
using ElrGnn.MLNet.Prediction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.ML;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// Named conversation models for a service, after Microsoft.Extensions.ML's <c>PredictionEnginePool</c>: each model is
/// loaded once (on first use or by the start-up warm-up), reloaded when its loader says so (file changed), and swapped
/// atomically: new requests get the new version, requests in flight finish on the old one, which is disposed after its
/// last lease is returned. A failed reload keeps the current version. Register it with
/// <c>services.AddConversationPredictorPool&lt;TInput, TOutput&gt;().FromFile(...)</c>. Thread-safe.
/// </summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationPredictorPool<TInput, TOutput> : IDisposable
    where TInput : class
    where TOutput : class, new()
{
    /// <summary>The name of the model registered without one (<c>FromFile(path)</c>).</summary>
    public const string DefaultModelName = "";

    private readonly Dictionary<string, ModelSlot<TInput, TOutput>> _slots;
    private readonly ConversationPredictorPoolOptions<TInput, TOutput> _options;
    private readonly ConversationPredictorMetrics _metrics;
    private readonly ILogger _logger;
    private int _disposed;

    /// <summary>Creates the pool (normally by dependency injection).</summary>
    public ConversationPredictorPool(IServiceProvider services, IOptions<ConversationPredictorPoolOptions<TInput, TOutput>> options,
        ConversationPredictorMetrics metrics, ILogger<ConversationPredictorPool<TInput, TOutput>>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _slots = _options.Models.ToDictionary(m => m.Key, m => new ModelSlot<TInput, TOutput>(m.Key, m.Value(services)), StringComparer.Ordinal);
        foreach (var slot in _slots.Values)
            slot.ChangeRegistration = ChangeToken.OnChange(slot.Loader.GetReloadToken, () => _ = ReloadAfterChangeAsync(slot));
    }

    /// <summary>Names of the registered models.</summary>
    public IReadOnlyCollection<string> ModelNames => _slots.Keys;

    /// <summary>The instruments this pool records on.</summary>
    public ConversationPredictorMetrics Metrics => _metrics;

    /// <summary>The current predictor of <paramref name="modelName"/> (loads the model on first use). For a call
    /// that must not see its model disposed by a reload midway, use <see cref="Rent"/>.</summary>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    public ConversationPredictor<TInput, TOutput> GetPredictor(string modelName = DefaultModelName) => GetModel(modelName).Predictor;

    /// <summary>The current version of <paramref name="modelName"/> (loads it on first use).</summary>
    public ConversationModel<TInput, TOutput> GetModel(string modelName = DefaultModelName)
    {
        using var lease = Rent(modelName);
        return lease.Model;
    }

    /// <summary>Borrows the current version of <paramref name="modelName"/> (loads it on first use); dispose the lease when done.</summary>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    /// <exception cref="InvalidOperationException">The model could not be loaded; the inner exception says why.</exception>
    public ConversationModelLease<TInput, TOutput> Rent(string modelName = DefaultModelName)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var slot = Slot(modelName);
        while (true)
        {
            var model = slot.Current ?? LoadFirst(slot);
            if (model.TryAcquire())
                return new ConversationModelLease<TInput, TOutput>(model);
            // Replaced and disposed between the read and the acquire: the slot already holds the next version.
        }
    }

    /// <summary>Scores whole conversations with the current version of <paramref name="modelName"/>, and counts them.</summary>
    public IReadOnlyList<TOutput> Predict(IReadOnlyCollection<TInput> utterances, string modelName = DefaultModelName)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        using var lease = Rent(modelName);
        long start = Stopwatch.GetTimestamp();
        var outputs = lease.Predictor.Predict(utterances);
        _metrics.RecordScoring(lease.Model.Name, utterances.Count, start);
        return outputs;
    }

    /// <summary>True when <paramref name="modelName"/> has a loaded version.</summary>
    public bool IsLoaded(string modelName = DefaultModelName) => Slot(modelName).Current is not null;

    /// <summary>The error of the last failed load of <paramref name="modelName"/>, or null.</summary>
    public Exception? LastLoadError(string modelName = DefaultModelName) => Slot(modelName).LastError;

    /// <summary>Where <paramref name="modelName"/> is loaded from.</summary>
    public string Source(string modelName = DefaultModelName) => Slot(modelName).Loader.Source;

    /// <summary>Loads every registered model that is not loaded yet (the start-up warm-up).</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var slot in _slots.Values.Where(s => s.Current is null))
        {
            await slot.LoadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (slot.Current is null)
                    await Task.Run(() => LoadAndSwap(slot), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slot.LoadGate.Release();
            }
        }
    }

    /// <summary>Loads <paramref name="modelName"/> again now and swaps it in (what a file change does).</summary>
    /// <returns>The new version.</returns>
    /// <exception cref="InvalidOperationException">The load failed; the current version stays.</exception>
    public async Task<ConversationModel<TInput, TOutput>> ReloadAsync(string modelName = DefaultModelName, CancellationToken cancellationToken = default)
    {
        var slot = Slot(modelName);
        await slot.LoadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => LoadAndSwap(slot), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.LoadGate.Release();
        }
    }

    /// <summary>Stops watching, and releases every current version (each is disposed after its last lease).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        foreach (var slot in _slots.Values)
        {
            slot.ChangeRegistration?.Dispose();
            (slot.Loader as IDisposable)?.Dispose();
            slot.Swap(null);
        }
    }

    private ModelSlot<TInput, TOutput> Slot(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        return _slots.TryGetValue(modelName, out var slot) ? slot
            : throw new KeyNotFoundException($"No conversation model named '{modelName}' is registered " +
                $"(registered: {string.Join(", ", _slots.Keys.Select(k => $"'{k}'"))}).");
    }

    private ConversationModel<TInput, TOutput> LoadFirst(ModelSlot<TInput, TOutput> slot)
    {
        slot.LoadGate.Wait();
        try
        {
            return slot.Current ?? LoadAndSwap(slot);
        }
        finally
        {
            slot.LoadGate.Release();
        }
    }

    // Caller holds slot.LoadGate.
    private ConversationModel<TInput, TOutput> LoadAndSwap(ModelSlot<TInput, TOutput> slot)
    {
        try
        {
            var mlContext = new MLContext(_options.Seed);
            _options.ConfigureMLContext?.Invoke(mlContext);
            var transformer = slot.Loader.Load(mlContext, out var inputSchema);
            var model = new ConversationModel<TInput, TOutput>(slot.Name, slot.LoadedVersions + 1, mlContext, transformer, inputSchema);
            slot.LoadedVersions++;
            slot.LastError = null;
            slot.Swap(model);
            _metrics.RecordLoad(slot.Name);
            _logger.LogInformation("Loaded conversation model '{Model}' version {Version} from {Source}.", slot.Name, model.Version, slot.Loader.Source);
            return model;
        }
        catch (Exception e)
        {
            slot.LastError = e;
            _logger.LogError(e, "Loading conversation model '{Model}' from {Source} failed.", slot.Name, slot.Loader.Source);
            throw new InvalidOperationException($"Conversation model '{slot.Name}' could not be loaded from {slot.Loader.Source}: {e.Message}", e);
        }
    }

    private async Task ReloadAfterChangeAsync(ModelSlot<TInput, TOutput> slot)
    {
        try
        {
            await Task.Delay(_options.ReloadDelay).ConfigureAwait(false);
            if (Volatile.Read(ref _disposed) == 0)
                await ReloadAsync(slot.Name).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Logged by LoadAndSwap; the current version keeps serving and the next change retries.
        }
    }
}
