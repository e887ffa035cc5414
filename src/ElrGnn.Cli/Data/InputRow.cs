using ElrGnn.MLNet.Data;

namespace ElrGnn.Cli.Data;

/// <summary>
/// One utterance given to <c>elrgnn predict</c>: the <see cref="UtteranceRecord"/> columns (Label, if known, is shown
/// beside the prediction; Split is unused) plus the pickle's class index and the feature vectors. Property names are
/// the columns of every data form the CLI trains on (utterances.csv, synthetic, pickle); <see cref="InputView"/> keeps
/// those the model's input schema has.
/// </summary>
internal sealed class InputRow : UtteranceRecord
{
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
