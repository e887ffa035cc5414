namespace ElrGnn.MLNet.Data;

/// <summary>
/// Pre-extracted feature vectors keyed by (conversation id, turn): one fixed-size float vector per utterance
/// for each of its modalities, in the order they were requested. Read from a community pickle, a feature CSV
/// or any <c>IDataView</c> (see the partial files), and saved into a model when the source cannot be reloaded.
/// </summary>
internal sealed partial class FeatureTable
{
    private readonly Dictionary<(string Id, int Turn), int> _rows = new();
    private readonly List<float[]>[] _vectors;

    /// <summary>Creates an empty table; <paramref name="dimensions"/> are fixed up front (each at least 1).</summary>
    public FeatureTable(string description, IReadOnlyList<string> modalityNames, IReadOnlyList<int> dimensions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (modalityNames.Count != dimensions.Count)
            throw new ArgumentException($"{modalityNames.Count} modality names for {dimensions.Count} dimensions.", nameof(dimensions));
        if (dimensions.Any(d => d < 1))
            throw new ArgumentOutOfRangeException(nameof(dimensions), "Every feature dimension must be at least 1.");
        Description = description;
        ModalityNames = [.. modalityNames];
        Dimensions = [.. dimensions];
        _vectors = Dimensions.Select(_ => new List<float[]>()).ToArray();
    }

    /// <summary>Where the features came from, for error messages (e.g. "feature file 'audio.csv'").</summary>
    public string Description { get; }

    /// <summary>The source names of the modalities, in request order.</summary>
    public string[] ModalityNames { get; }

    /// <summary>The vector length of each modality.</summary>
    public int[] Dimensions { get; }

    /// <summary>The number of utterances in the table.</summary>
    public int Count => _rows.Count;

    /// <summary>
    /// Adds one utterance's vectors (one per modality, of the table's dimensions, all finite); the arrays are
    /// kept. A key added twice is an error naming conversation and turn.
    /// </summary>
    public void Add(string conversationId, int turn, float[][] vectors, string? where = null)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(vectors);
        string Prefix() => where is null ? "" : where + ": ";
        if (vectors.Length != Dimensions.Length)
            throw new ArgumentException($"{vectors.Length} vectors for {Dimensions.Length} modalities.", nameof(vectors));
        for (int m = 0; m < vectors.Length; m++)
        {
            if (vectors[m].Length != Dimensions[m])
                throw new ConversationDataException(
                    $"{Prefix()}the vector has {vectors[m].Length} values but {Dimensions[m]} are expected.", ModalityNames[m], conversationId, turn);
            int bad = Array.FindIndex(vectors[m], v => !float.IsFinite(v));
            if (bad >= 0)
                throw new ConversationDataException(
                    $"{Prefix()}feature value {bad} is {vectors[m][bad]}; features must be finite.", ModalityNames[m], conversationId, turn);
        }
        if (!_rows.TryAdd((conversationId, turn), _rows.Count))
            throw new ConversationDataException($"{Prefix()}{Description} has two rows for this utterance.", null, conversationId, turn);
        for (int m = 0; m < vectors.Length; m++)
            _vectors[m].Add(vectors[m]);
    }

    /// <summary>The row of (<paramref name="conversationId"/>, <paramref name="turn"/>), or -1 when absent.</summary>
    public int Find(string conversationId, int turn) => _rows.TryGetValue((conversationId, turn), out int row) ? row : -1;

    /// <summary>The vector of modality <paramref name="modality"/> at <paramref name="row"/> (shared, do not change it).</summary>
    public float[] Vector(int modality, int row) => _vectors[modality][row];

    /// <summary>Every key with its row, in insertion order.</summary>
    public IEnumerable<KeyValuePair<(string Id, int Turn), int>> Keys => _rows.OrderBy(kv => kv.Value);

    /// <summary>The error for a modality name the source does not have, listing those it has.</summary>
    internal static ConversationDataException UnknownModality(string name, string source, IEnumerable<string> available)
        => new($"{source} has no feature '{name}'. Available: {string.Join(", ", available.Select(a => $"'{a}'"))}.", name);
}
