namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>Where each field sits in one <see cref="CommunityFeatureLayout"/>, and layout detection.</summary>
internal sealed class CommunityLayoutSpec
{
    private static readonly CommunityLayoutSpec[] All =
    [
        new(CommunityFeatureLayout.IemocapFeatures, isMeld: false,
            ["videoIDs", "videoSpeakers", "videoLabels", "videoText", "videoAudio", "videoVisual", "videoSentence", "trainVid", "testVid"])
            { Ids = 0, Speakers = 1, Labels = 2, Text = 3, Audio = 4, Visual = 5, Sentences = 6, Train = 7, Test = 8 },
        new(CommunityFeatureLayout.MeldFeaturesRaw1, isMeld: true,
            ["videoIDs", "videoSpeakers", "videoLabels", "videoText", "videoAudio", "videoVisual", "videoSentence", "trainVid", "testVid", "videoSentiment"])
            { Ids = 0, Speakers = 1, Labels = 2, Text = 3, Audio = 4, Visual = 5, Sentences = 6, Train = 7, Test = 8, Sentiment = 9 },
        new(CommunityFeatureLayout.MeldFeaturesRaw, isMeld: true,
            ["videoIDs", "videoSpeakers", "videoLabelsEmotion", "videoText", "videoAudio", "videoSentence", "trainVid", "testVid", "videoLabelsSentiment"])
            { Ids = 0, Speakers = 1, Labels = 2, Text = 3, Audio = 4, Sentences = 5, Train = 6, Test = 7, Sentiment = 8 },
        new(CommunityFeatureLayout.IemocapRoberta, isMeld: false,
            ["speakers", "labels", "roberta1", "roberta2", "roberta3", "roberta4", "sentences", "trainIds", "testIds", "validIds"])
            { Speakers = 0, Labels = 1, Roberta = [2, 3, 4, 5], Sentences = 6, Train = 7, Test = 8, Valid = 9 },
        new(CommunityFeatureLayout.MeldRoberta, isMeld: true,
            ["speakers", "emotion_labels", "sentiment_labels", "roberta1", "roberta2", "roberta3", "roberta4", "sentences", "trainIds", "testIds", "validIds"])
            { Speakers = 0, Labels = 1, Sentiment = 2, Roberta = [3, 4, 5, 6], Sentences = 7, Train = 8, Test = 9, Valid = 10 },
    ];

    private CommunityLayoutSpec(CommunityFeatureLayout layout, bool isMeld, string[] names)
    {
        Layout = layout;
        IsMeld = isMeld;
        Names = names;
    }

    public CommunityFeatureLayout Layout { get; }
    public bool IsMeld { get; }
    public string[] Names { get; }
    public int Count => Names.Length;
    public IReadOnlyList<string> LabelNames => IsMeld ? EmotionLabels.Meld : EmotionLabels.Iemocap;
    public int? Ids { get; private init; }
    public int Speakers { get; private init; }
    public int Labels { get; private init; }
    public int? Sentiment { get; private init; }
    public int? Text { get; private init; }
    public int? Audio { get; private init; }
    public int? Visual { get; private init; }
    public int[]? Roberta { get; private init; }
    public int Sentences { get; private init; }
    public int Train { get; private init; }
    public int Test { get; private init; }
    public int? Valid { get; private init; }

    /// <summary>Indices of all per-dialogue dict elements (everything but the split lists).</summary>
    public IEnumerable<int> DictElements =>
        Enumerable.Range(0, Count).Where(i => i != Train && i != Test && i != Valid);

    /// <summary>"videoText (element 3)" — how messages name an element.</summary>
    public string Describe(int index) => $"{Names[index]} (element {index})";

    public static CommunityLayoutSpec For(CommunityFeatureLayout layout) => All.First(s => s.Layout == layout);

    /// <summary>Picks the layout from the element count and, where counts collide, the content.</summary>
    public static CommunityLayoutSpec Detect(IReadOnlyList<object?> elements)
    {
        switch (elements.Count)
        {
            case 9:
                // IEMOCAP_features vs older MELD_features_raw: the speakers are 'M'/'F' strings in one,
                // one-hot lists in the other.
                var speaker = FirstUtteranceValue(elements[1]);
                if (speaker is string)
                    return For(CommunityFeatureLayout.IemocapFeatures);
                if (speaker is List<object?> or object?[] or NumpyArray)
                    return For(CommunityFeatureLayout.MeldFeaturesRaw);
                var fifth = FirstUtteranceValue(elements[5]);
                if (fifth is string)
                    return For(CommunityFeatureLayout.MeldFeaturesRaw);
                if (fifth is NumpyArray or List<object?>)
                    return For(CommunityFeatureLayout.IemocapFeatures);
                throw Unknown("9 elements, but neither videoSpeakers (element 1) nor element 5 shows whether it is IEMOCAP_features.pkl ('M'/'F' speakers) or MELD_features_raw.pkl (one-hot speakers)");
            case 10:
                return elements[9] switch
                {
                    Dictionary<object, object?> => For(CommunityFeatureLayout.MeldFeaturesRaw1),
                    List<object?> or object?[] => For(CommunityFeatureLayout.IemocapRoberta),
                    var e => throw Unknown($"10 elements, but element 9 is a {PickleValues.Describe(e)}; MELD_features_raw1.pkl has a dict there, iemocap_features_roberta.pkl a list (validIds)"),
                };
            case 11:
                return For(CommunityFeatureLayout.MeldRoberta);
            default:
                throw Unknown($"the top-level list has {elements.Count} elements; expected 9 (IEMOCAP_features.pkl, MELD_features_raw.pkl), " +
                              "10 (MELD_features_raw1.pkl, iemocap_features_roberta.pkl) or 11 (meld_features_roberta.pkl)");
        }
    }

    private static object? FirstUtteranceValue(object? element)
    {
        if (element is not Dictionary<object, object?> dict)
            return null;
        foreach (var value in dict.Values)
            if (value is List<object?> { Count: > 0 } list)
                return list[0];
        return null;
    }

    private static ConversationDataException Unknown(string detail) =>
        new($"Unknown community feature file layout: {detail}.");
}
