using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// One synthetic utterance row. Column names match <see cref="ConversationColumns"/>; the vector
/// sizes are set by <see cref="SyntheticConversations.CreateSchemaDefinition"/>. The hidden-process
/// fields (<see cref="IsAmbiguous"/>, <see cref="Topic"/>) are not data view columns.
/// </summary>
public sealed class SyntheticUtterance
{
    /// <summary>Conversation id, "d0000", "d0001", ….</summary>
    public string DialogueId { get; set; } = "";

    /// <summary>0-based position in the conversation.</summary>
    public int Turn { get; set; }

    /// <summary>Speaker name (made-up first name).</summary>
    public string Speaker { get; set; } = "";

    /// <summary>Class name, one of <see cref="SyntheticConversations.ClassNames"/> ("c0" … "c5" by default).</summary>
    public string Label { get; set; } = "";

    /// <summary>"train", "valid" or "test".</summary>
    public string Split { get; set; } = "";

    /// <summary>A short made-up sentence; it names the class only when the text modality carries the signal.</summary>
    public string Utterance { get; set; } = "";

    /// <summary>Text features (size <see cref="SyntheticConversationsOptions.TextDimension"/>).</summary>
    public float[] Text { get; set; } = [];

    /// <summary>Audio features (size <see cref="SyntheticConversationsOptions.AudioDimension"/>).</summary>
    public float[] Audio { get; set; } = [];

    /// <summary>Visual features (size <see cref="SyntheticConversationsOptions.VisualDimension"/>).</summary>
    public float[] Visual { get; set; } = [];

    /// <summary>Hidden: true when no modality carries the class signal (label only from context).</summary>
    [NoColumn]
    public bool IsAmbiguous { get; set; }

    /// <summary>Hidden: the conversation's topic class (emitted only in the opening turns).</summary>
    [NoColumn]
    public int Topic { get; set; }
}
