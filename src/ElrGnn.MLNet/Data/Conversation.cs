namespace ElrGnn.MLNet.Data;

/// <summary>
/// One conversation in the trainer's layout: utterances ordered by turn, speakers as local
/// indices (by first appearance), labels as 0-based class indices (-1 = unknown), and one
/// row-major feature matrix per modality.
/// </summary>
public sealed class Conversation
{
    /// <summary>Creates a conversation; arrays are taken as they are (no copy).</summary>
    public Conversation(string id, int[] turns, string[] speakers, int[] labels, float[][] features, long[] rowIds)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(speakers);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(rowIds);
        if (speakers.Length != turns.Length || labels.Length != turns.Length || rowIds.Length != turns.Length)
            throw new ArgumentException($"Conversation '{id}': turns, speakers, labels and row ids must have one entry per utterance.");
        Id = id;
        Turns = turns;
        Speakers = speakers;
        Labels = labels;
        Features = features;
        RowIds = rowIds;
        SpeakerIndex = IndexByFirstAppearance(speakers);
    }

    /// <summary>Conversation id.</summary>
    public string Id { get; }

    /// <summary>Number of utterances N.</summary>
    public int Length => Turns.Length;

    /// <summary>Turn values, strictly ascending.</summary>
    public int[] Turns { get; }

    /// <summary>Speaker name per utterance.</summary>
    public string[] Speakers { get; }

    /// <summary>Speaker per utterance as a local index: first new speaker 0, second 1, …</summary>
    public int[] SpeakerIndex { get; }

    /// <summary>0-based class index per utterance; -1 where unknown (prediction time).</summary>
    public int[] Labels { get; }

    /// <summary>Per modality, an N × D_m row-major matrix.</summary>
    public float[][] Features { get; }

    /// <summary>Position of each utterance's row in the source data view (for returning rows in input order).</summary>
    public long[] RowIds { get; }

    private static int[] IndexByFirstAppearance(string[] speakers)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new int[speakers.Length];
        for (int i = 0; i < speakers.Length; i++)
        {
            if (!map.TryGetValue(speakers[i], out int k))
            {
                k = map.Count;
                map.Add(speakers[i], k);
            }
            index[i] = k;
        }
        return index;
    }
}
