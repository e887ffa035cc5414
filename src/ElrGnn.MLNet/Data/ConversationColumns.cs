namespace ElrGnn.MLNet.Data;

/// <summary>
/// Default column names of the conversation table: one row per utterance. Every component
/// takes these as option defaults, so a table that uses them needs no configuration.
/// </summary>
public static class ConversationColumns
{
    /// <summary>Conversation (dialogue) id, text. Default "DialogueId".</summary>
    public const string ConversationId = "DialogueId";

    /// <summary>Position of the utterance within its conversation, integer. Default "Turn".</summary>
    public const string Turn = "Turn";

    /// <summary>Speaker name, text. Default "Speaker".</summary>
    public const string Speaker = "Speaker";

    /// <summary>Emotion label, text or key. Default "Label".</summary>
    public const string Label = "Label";

    /// <summary>Utterance text (for computed text features). Default "Utterance".</summary>
    public const string Utterance = "Utterance";

    /// <summary>Text feature vector column. Default "Text".</summary>
    public const string Text = "Text";

    /// <summary>Audio feature vector column. Default "Audio".</summary>
    public const string Audio = "Audio";

    /// <summary>Visual feature vector column. Default "Visual".</summary>
    public const string Visual = "Visual";

    /// <summary>Data split (train / valid / test) where a source carries one. Default "Split".</summary>
    public const string Split = "Split";
}
