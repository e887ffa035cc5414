namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Element layouts of the community ERC feature pickles. Each file is a pickled list (or tuple) whose
/// elements are per-dialogue dicts followed by split id lists.
/// </summary>
public enum CommunityFeatureLayout
{
    /// <summary>
    /// <c>IEMOCAP_features.pkl</c> (DialogueGCN, MMGCN, M3Net), 9 elements: videoIDs, videoSpeakers ('M'/'F'),
    /// videoLabels, videoText, videoAudio, videoVisual, videoSentence, trainVid, testVid.
    /// </summary>
    IemocapFeatures,

    /// <summary>
    /// <c>MELD_features_raw1.pkl</c> (MMGCN, M3Net), 10 elements: as <see cref="IemocapFeatures"/> with int
    /// dialogue keys and 9-element one-hot speakers, plus sentiment labels last.
    /// </summary>
    MeldFeaturesRaw1,

    /// <summary>
    /// Older <c>MELD_features_raw.pkl</c> (DialogueRNN, DialogueGCN, bc-LSTM), 9 elements: videoIDs,
    /// videoSpeakers, videoLabelsEmotion, videoText, videoAudio, videoSentence, trainVid, testVid,
    /// videoLabelsSentiment; no visual features.
    /// </summary>
    MeldFeaturesRaw,

    /// <summary>
    /// COSMIC <c>iemocap_features_roberta.pkl</c>, 10 elements: speakers, labels, roberta1..roberta4,
    /// sentences, trainIds, testIds, validIds.
    /// </summary>
    IemocapRoberta,

    /// <summary>
    /// COSMIC <c>meld_features_roberta.pkl</c>, 11 elements: speakers, emotion_labels, sentiment_labels,
    /// roberta1..roberta4, sentences, trainIds, testIds, validIds.
    /// </summary>
    MeldRoberta,
}
