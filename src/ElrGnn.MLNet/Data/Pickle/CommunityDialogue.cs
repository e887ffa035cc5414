namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// One dialogue of a community feature file: per-utterance speakers, labels, sentences and feature
/// vectors, all in dialogue order (index = turn). Arrays are exposed without copying.
/// </summary>
public sealed class CommunityDialogue
{
    internal CommunityDialogue(string id, string[] speakers, int[] labels)
    {
        Id = id;
        Speakers = speakers;
        Labels = labels;
    }

    /// <summary>Dialogue id: the dict key; MELD int keys as their decimal string (e.g. "1039").</summary>
    public string Id { get; }

    /// <summary>Number of utterances.</summary>
    public int Length => Labels.Length;

    /// <summary>
    /// Speaker per utterance: IEMOCAP 'M'/'F' as written; MELD one-hot vectors as "speaker&lt;k&gt;",
    /// k = index of the 1 (the k-th distinct speaker of the dialogue, by first appearance).
    /// </summary>
    public string[] Speakers { get; }

    /// <summary>Emotion class index per utterance, 0 ≤ label &lt; <see cref="CommunityFeatureFile.LabelNames"/> count.</summary>
    public int[] Labels { get; }

    /// <summary>Sentiment label per utterance (MELD files: 0 neutral, 1 positive, 2 negative), else null.</summary>
    public int[]? SentimentLabels { get; internal set; }

    /// <summary>Utterance ids from videoIDs (IEMOCAP names, MELD ints as decimal strings), else null.</summary>
    public string[]? UtteranceIds { get; internal set; }

    /// <summary>Utterance text per utterance (Python 2 strings decoded as Latin-1), else null.</summary>
    public string[]? Sentences { get; internal set; }

    /// <summary>Text feature vector per utterance (float64 files converted to float32), else null.</summary>
    public float[][]? Text { get; internal set; }

    /// <summary>Audio feature vector per utterance, else null.</summary>
    public float[][]? Audio { get; internal set; }

    /// <summary>Visual feature vector per utterance, else null (the older MELD and COSMIC files have none).</summary>
    public float[][]? Visual { get; internal set; }

    /// <summary>A shallow copy (arrays shared) whose Text vectors are replaced.</summary>
    internal CommunityDialogue WithText(float[][]? text) => new(Id, Speakers, Labels)
    {
        SentimentLabels = SentimentLabels,
        UtteranceIds = UtteranceIds,
        Sentences = Sentences,
        Text = text,
        Audio = Audio,
        Visual = Visual,
    };
}
