namespace ElrGnn.MLNet.Data;

/// <summary>
/// One utterance of a transcript table (the <c>utterances.csv</c> layout: dialogue_id, turn, speaker, label,
/// label_name, split, text). Property names are the default conversation column names. Row types that add
/// feature vectors (e.g. <see cref="SyntheticUtterance"/>) derive from it; ML.NET maps inherited properties too.
/// </summary>
public class UtteranceRecord
{
    /// <summary>Conversation id.</summary>
    public string DialogueId { get; set; } = "";

    /// <summary>0-based position in the conversation.</summary>
    public int Turn { get; set; }

    /// <summary>Speaker name.</summary>
    public string Speaker { get; set; } = "";

    /// <summary>Emotion label name (empty when unlabelled).</summary>
    public string Label { get; set; } = "";

    /// <summary>"train", "valid", "test" or empty.</summary>
    public string Split { get; set; } = "";

    /// <summary>The utterance text.</summary>
    public string Utterance { get; set; } = "";
}
