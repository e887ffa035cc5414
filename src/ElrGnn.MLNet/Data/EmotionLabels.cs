namespace ElrGnn.MLNet.Data;

/// <summary>
/// The emotion classes of the two standard ERC data sets, in the class-id order of the community's feature files
/// and loaders (DialogueRNN, DialogueGCN, MMGCN, COSMIC).
/// </summary>
public static class EmotionLabels
{
    /// <summary>IEMOCAP, 6 classes: hap, sad, neu, ang, exc, fru (ids 0–5).</summary>
    public static IReadOnlyList<string> Iemocap { get; } = ["hap", "sad", "neu", "ang", "exc", "fru"];

    /// <summary>MELD, 7 emotions: neutral, surprise, fear, sadness, joy, disgust, anger (ids 0–6).</summary>
    public static IReadOnlyList<string> Meld { get; } = ["neutral", "surprise", "fear", "sadness", "joy", "disgust", "anger"];
}
