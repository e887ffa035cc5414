using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// One synthetic utterance row: the <see cref="UtteranceRecord"/> columns (ids "d0000", "d0001", …; made-up
/// speaker first names; labels from <see cref="SyntheticConversations.ClassNames"/>; a short made-up sentence
/// that names the class only when the text modality carries the signal) plus three feature vectors. Column names
/// match <see cref="ConversationColumns"/>; the vector sizes are set by
/// <see cref="SyntheticConversations.CreateSchemaDefinition"/>. The hidden-process fields
/// (<see cref="IsAmbiguous"/>, <see cref="Topic"/>) are not data view columns.
/// </summary>
public sealed class SyntheticUtterance : UtteranceRecord
{
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
