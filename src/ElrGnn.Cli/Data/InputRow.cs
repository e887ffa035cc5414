namespace ElrGnn.Cli.Data;

/// <summary>
/// One utterance given to <c>elrgnn predict</c>. Property names are the columns of every data form the CLI trains on
/// (utterances.csv, synthetic, pickle); <see cref="InputView"/> keeps those the model's input schema has.
/// </summary>
internal sealed class InputRow
{
    /// <summary>Conversation id.</summary>
    public string DialogueId { get; set; } = "";

    /// <summary>Position in the conversation.</summary>
    public int Turn { get; set; }

    /// <summary>Speaker name.</summary>
    public string Speaker { get; set; } = "";

    /// <summary>True label name if known (shown beside the prediction), else empty.</summary>
    public string Label { get; set; } = "";

    /// <summary>Unused split column (empty).</summary>
    public string Split { get; set; } = "";

    /// <summary>Utterance text.</summary>
    public string Utterance { get; set; } = "";

    /// <summary>Unused class index column of pickle-trained models.</summary>
    public int LabelIndex { get; set; }

    /// <summary>Text feature vector (empty when the model embeds the text itself).</summary>
    public float[] Text { get; set; } = [];

    /// <summary>Audio feature vector.</summary>
    public float[] Audio { get; set; } = [];

    /// <summary>Visual feature vector.</summary>
    public float[] Visual { get; set; } = [];

    /// <summary>The feature vector of column <paramref name="name"/> (Text, Audio or Visual, any case); null for others.</summary>
    public float[]? GetFeature(string name) => name.ToLowerInvariant() switch
    {
        "text" => Text,
        "audio" => Audio,
        "visual" => Visual,
        _ => null,
    };

    /// <summary>Sets the feature vector of column <paramref name="name"/>; false when the name is not a feature column.</summary>
    public bool SetFeature(string name, float[] values)
    {
        switch (name.ToLowerInvariant())
        {
            case "text": Text = values; return true;
            case "audio": Audio = values; return true;
            case "visual": Visual = values; return true;
            default: return false;
        }
    }
}
