namespace ElrGnn.MLNet.Hosting;

/// <summary>One named model of a pool: its loader, the current version and the last load error.</summary>
internal sealed class ModelSlot<TInput, TOutput>(string name, ConversationModelLoader loader)
    where TInput : class
    where TOutput : class, new()
{
    private ConversationModel<TInput, TOutput>? _current;

    public string Name { get; } = name;

    public ConversationModelLoader Loader { get; } = loader;

    /// <summary>Serialises loads of this model (first load and reloads).</summary>
    public SemaphoreSlim LoadGate { get; } = new(1, 1);

    public ConversationModel<TInput, TOutput>? Current => Volatile.Read(ref _current);

    public int LoadedVersions { get; set; }

    public Exception? LastError { get; set; }

    public IDisposable? ChangeRegistration { get; set; }

    /// <summary>Makes <paramref name="next"/> current; the replaced version is released (and disposed after its last lease).</summary>
    public void Swap(ConversationModel<TInput, TOutput>? next) => Interlocked.Exchange(ref _current, next)?.Release();
}
