namespace ElrGnn.MLNet.Data;

/// <summary>
/// Collects the rows of one conversation in arrival order and builds the turn-ordered
/// <see cref="Conversation"/> once all rows are read.
/// </summary>
internal sealed class ConversationAccumulator
{
    private readonly List<int> _turns = [];
    private readonly List<string> _speakers = [];
    private readonly List<int> _labels = [];
    private readonly List<long> _rowIds = [];

    public ConversationAccumulator(string id, int modalities)
    {
        Id = id;
        Features = new List<float>[modalities];
        for (int m = 0; m < modalities; m++)
            Features[m] = [];
    }

    /// <summary>Conversation id.</summary>
    public string Id { get; }

    /// <summary>Per modality, the feature rows appended in arrival order.</summary>
    public List<float>[] Features { get; }

    /// <summary>Adds one utterance's scalar fields; its features go to <see cref="Features"/>.</summary>
    public void Add(int turn, string speaker, int labelCode, long rowId)
    {
        _turns.Add(turn);
        _speakers.Add(speaker);
        _labels.Add(labelCode);
        _rowIds.Add(rowId);
    }

    /// <summary>
    /// Sorts by turn and builds the conversation. Throws on duplicate turns; gaps are fine.
    /// </summary>
    /// <param name="dimensions">Feature dimension per modality.</param>
    /// <param name="labelRemap">Provisional label code → class index; null = codes are final.</param>
    /// <param name="turnColumn">Turn column name, for the duplicate-turn error.</param>
    public Conversation Build(IReadOnlyList<int> dimensions, int[]? labelRemap, string turnColumn)
    {
        int n = _turns.Count;
        // OrderBy is stable: rows with equal turns stay in arrival order for the error message.
        var order = Enumerable.Range(0, n).OrderBy(i => _turns[i]).ToArray();

        var turns = new int[n];
        var speakers = new string[n];
        var labels = new int[n];
        var rowIds = new long[n];
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            turns[k] = _turns[i];
            if (k > 0 && turns[k] == turns[k - 1])
                throw new ConversationDataException(
                    $"the turn appears twice (rows {rowIds[k - 1]} and {_rowIds[i]}); turns must be unique within a conversation.",
                    turnColumn, Id, turns[k]);
            speakers[k] = _speakers[i];
            int code = _labels[i];
            labels[k] = code >= 0 && labelRemap is not null ? labelRemap[code] : code;
            rowIds[k] = _rowIds[i];
        }

        var features = new float[Features.Length][];
        for (int m = 0; m < Features.Length; m++)
        {
            int d = dimensions[m];
            var source = Features[m];
            var matrix = new float[n * d];
            for (int k = 0; k < n; k++)
                source.CopyTo(order[k] * d, matrix, k * d, d);
            features[m] = matrix;
        }
        return new Conversation(Id, turns, speakers, labels, features, rowIds);
    }
}
