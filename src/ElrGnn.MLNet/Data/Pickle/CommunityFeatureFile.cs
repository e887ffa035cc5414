using Microsoft.ML;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// A community ERC feature pickle (IEMOCAP_features.pkl, MELD_features_raw1.pkl, the older
/// MELD_features_raw.pkl, or COSMIC's iemocap/meld_features_roberta.pkl) read safely and checked against
/// its layout: dialogues with speakers, labels, sentences and feature vectors, plus train/valid/test splits.
/// </summary>
/// <remarks>
/// <para>
/// The file is read with <see cref="SafeUnpickler"/>, so nothing in it is executed. The layout is detected
/// from the element count (9, 10 or 11) and, for 9 elements, from the speakers ('M'/'F' strings = IEMOCAP,
/// one-hot lists = MELD), unless <see cref="CommunityFeatureOptions.Layout"/> names it.
/// </para>
/// <para>
/// Splits. COSMIC files carry trainIds/validIds/testIds and are used as they are. IEMOCAP_features has only
/// trainVid/testVid: the validation split is the <em>first</em> floor(<see cref="CommunityFeatureOptions.ValidFraction"/>
/// × |trainVid|) ids of trainVid (default 0.1, spec §3.2; deterministic, unlike the random
/// SubsetRandomSampler of the original loaders) and training keeps the rest. The MELD_features files' trainVid holds
/// train and dev together; by default dev (keys 1039–1152) becomes the validation split
/// (<see cref="CommunityFeatureOptions.MeldDevAsValidation"/>).
/// </para>
/// <para>
/// Bad content raises <see cref="ConversationDataException"/> naming the element (e.g. "videoText (element 3)"),
/// the dialogue and the turn; unreadable pickles raise <see cref="PickleFormatException"/> or
/// <see cref="PickleSecurityException"/>.
/// </para>
/// </remarks>
public sealed class CommunityFeatureFile
{
    /// <summary>Name of the extra int32 column with the 0-based class index. Value "LabelIndex".</summary>
    public const string LabelIndexColumn = "LabelIndex";

    private readonly Dictionary<string, CommunityDialogue> _byId;

    internal CommunityFeatureFile(CommunityFeatureLayout layout, List<CommunityDialogue> dialogues,
        List<string> train, List<string> valid, List<string> test, IReadOnlyList<string> labelNames,
        int textSize, int audioSize, int visualSize)
    {
        Layout = layout;
        Dialogues = dialogues;
        _byId = dialogues.ToDictionary(d => d.Id, StringComparer.Ordinal);
        TrainIds = train;
        ValidIds = valid;
        TestIds = test;
        LabelNames = labelNames;
        TextSize = textSize;
        AudioSize = audioSize;
        VisualSize = visualSize;
    }

    /// <summary>The file's layout.</summary>
    public CommunityFeatureLayout Layout { get; }

    /// <summary>All dialogues, in the file's dict order.</summary>
    public IReadOnlyList<CommunityDialogue> Dialogues { get; }

    /// <summary>Training dialogue ids, in split-list order.</summary>
    public IReadOnlyList<string> TrainIds { get; }

    /// <summary>Validation dialogue ids (empty when there is no validation split).</summary>
    public IReadOnlyList<string> ValidIds { get; }

    /// <summary>Test dialogue ids.</summary>
    public IReadOnlyList<string> TestIds { get; }

    /// <summary>
    /// Class names by label index: IEMOCAP hap, sad, neu, ang, exc, fru; MELD neutral, surprise, fear,
    /// sadness, joy, disgust, anger.
    /// </summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Length of the Text vectors, 0 when the file has none.</summary>
    public int TextSize { get; }

    /// <summary>Length of the Audio vectors, 0 when the file has none.</summary>
    public int AudioSize { get; }

    /// <summary>Length of the Visual vectors, 0 when the file has none.</summary>
    public int VisualSize { get; }

    /// <summary>Reads and checks a feature pickle file.</summary>
    /// <param name="path">Path of the .pkl file.</param>
    /// <param name="options">Layout, split and limit options; null for the defaults.</param>
    /// <returns>The checked file.</returns>
    public static CommunityFeatureFile Load(string path, CommunityFeatureOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Load(stream, options);
    }

    /// <summary>Reads and checks a feature pickle from a stream (read to its end, not closed).</summary>
    /// <param name="stream">The pickle bytes.</param>
    /// <param name="options">Layout, split and limit options; null for the defaults.</param>
    /// <returns>The checked file.</returns>
    public static CommunityFeatureFile Load(Stream stream, CommunityFeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new CommunityFeatureOptions();
        options.Validate();
        return CommunityFeatureParser.Parse(new SafeUnpickler(options.Limits).Load(stream), options);
    }

    /// <summary>Interprets an object graph already produced by <see cref="SafeUnpickler"/>.</summary>
    /// <param name="unpickled">The unpickled top-level list or tuple.</param>
    /// <param name="options">Layout and split options; null for the defaults.</param>
    /// <returns>The checked file.</returns>
    public static CommunityFeatureFile FromObject(object? unpickled, CommunityFeatureOptions? options = null)
    {
        options ??= new CommunityFeatureOptions();
        options.Validate();
        return CommunityFeatureParser.Parse(unpickled, options);
    }

    /// <summary>Detects the layout of an unpickled file without reading it further.</summary>
    /// <param name="unpickled">The unpickled top-level list or tuple.</param>
    /// <returns>The detected layout.</returns>
    /// <exception cref="ConversationDataException">The layout is not one of <see cref="CommunityFeatureLayout"/>.</exception>
    public static CommunityFeatureLayout DetectLayout(object? unpickled) =>
        CommunityLayoutSpec.Detect(CommunityFeatureParser.Elements(unpickled)).Layout;

    /// <summary>The dialogue with id <paramref name="id"/>, or null.</summary>
    /// <param name="id">Dialogue id (MELD ids as decimal strings).</param>
    /// <returns>The dialogue, or null when absent.</returns>
    public CommunityDialogue? FindDialogue(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// A copy whose Text vectors come from <paramref name="textSource"/> (e.g. COSMIC RoBERTa features with
    /// the audio/visual of IEMOCAP_features, as M3Net does). Splits, labels and other modalities stay.
    /// </summary>
    /// <param name="textSource">A file with Text vectors for every dialogue of this one, with equal utterance counts.</param>
    /// <returns>The combined file.</returns>
    /// <exception cref="ConversationDataException">A dialogue is missing from the source or has another length.</exception>
    public CommunityFeatureFile WithTextFrom(CommunityFeatureFile textSource)
    {
        ArgumentNullException.ThrowIfNull(textSource);
        if (textSource.TextSize == 0)
            throw new ConversationDataException("The text source has no Text vectors.", ConversationColumns.Text);
        var dialogues = new List<CommunityDialogue>(Dialogues.Count);
        foreach (var d in Dialogues)
        {
            var source = textSource.FindDialogue(d.Id)
                ?? throw new ConversationDataException("The text source has no such dialogue.", ConversationColumns.Text, d.Id);
            if (source.Length != d.Length)
                throw new ConversationDataException($"The text source has {source.Length} utterances, this file {d.Length}.", ConversationColumns.Text, d.Id);
            dialogues.Add(d.WithText(source.Text));
        }
        return new CommunityFeatureFile(Layout, dialogues, [.. TrainIds], [.. ValidIds], [.. TestIds], LabelNames,
            textSource.TextSize, AudioSize, VisualSize);
    }

    /// <summary>
    /// Train, validation and test data views, one row per utterance, with columns DialogueId (text),
    /// Turn (int32, 0-based), Speaker (text), Label (text class name), LabelIndex (int32), Utterance (text)
    /// and Text / Audio / Visual (float32 vectors of <see cref="TextSize"/> / <see cref="AudioSize"/> /
    /// <see cref="VisualSize"/>; a modality the file lacks has no column).
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <returns>The three views (valid has no rows when there is no validation split).</returns>
    public CommunityDataViews ToDataViews(MLContext mlContext) =>
        new(ToDataView(mlContext, TrainIds), ToDataView(mlContext, ValidIds), ToDataView(mlContext, TestIds));

    /// <summary>One data view (same columns as <see cref="ToDataViews"/>) over the given dialogues, in that order.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="dialogueIds">Ids of dialogues of this file.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">An id is not a dialogue of this file.</exception>
    public IDataView ToDataView(MLContext mlContext, IEnumerable<string> dialogueIds)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(dialogueIds);
        var dialogues = dialogueIds.Select(id => FindDialogue(id)
            ?? throw new ArgumentException($"Dialogue '{id}' is not in this file.", nameof(dialogueIds))).ToList();
        return CommunityDataViewBuilder.Build(mlContext, this, dialogues);
    }
}
