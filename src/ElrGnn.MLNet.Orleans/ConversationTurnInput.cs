using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Orleans;

/// <summary>
/// The model input row a service scores: the <see cref="UtteranceRecord"/> columns (Utterance for models that embed
/// text themselves) plus the Text, Audio and Visual feature vectors of feature models.
/// </summary>
public sealed class ConversationTurnInput : UtteranceRecord
{
    /// <summary>Text feature vector (empty when the model embeds the utterance text itself).</summary>
    public float[] Text { get; set; } = [];

    /// <summary>Audio feature vector.</summary>
    public float[] Audio { get; set; } = [];

    /// <summary>Visual feature vector.</summary>
    public float[] Visual { get; set; } = [];
}
