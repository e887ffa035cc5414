namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>Options for <see cref="CommunityFeatureFile"/>.</summary>
public sealed class CommunityFeatureOptions
{
    /// <summary>
    /// The file's layout, or null (default) to detect it from the element count and content
    /// (IEMOCAP speakers are 'M'/'F' strings, MELD speakers 9-element one-hot lists).
    /// </summary>
    public CommunityFeatureLayout? Layout { get; init; }

    /// <summary>
    /// For files without a validation list (IEMOCAP_features, and the MELD_features files when
    /// <see cref="MeldDevAsValidation"/> is false): the fraction of the training list, taken from its
    /// <em>start</em>, that becomes the validation split: the first floor(fraction × count) ids, as in
    /// DialogueGCN/M3Net's <c>get_train_valid_sampler</c> (idx[:split]) but deterministic (spec §3.2).
    /// Default 0.1 (IEMOCAP: 12 of 120 dialogues); 0 gives no validation split. Range [0, 1).
    /// </summary>
    public double ValidFraction { get; init; } = 0.1;

    /// <summary>
    /// For the MELD_features files, whose trainVid holds train and dev together: when true (default), the
    /// validation split is the official dev set, recognised by its key range 1039–1152 (dev Dialogue_ID +
    /// 1039, as in the community pickles), and the rest of trainVid is the training split. When false,
    /// <see cref="ValidFraction"/> applies instead.
    /// </summary>
    public bool MeldDevAsValidation { get; init; } = true;

    /// <summary>How the COSMIC files' four RoBERTa vectors form the Text column. Default <see cref="RobertaTextMode.Average"/>.</summary>
    public RobertaTextMode RobertaText { get; init; } = RobertaTextMode.Average;

    /// <summary>Bounds for the unpickler. Default <see cref="UnpicklerLimits.Default"/>.</summary>
    public UnpicklerLimits? Limits { get; init; }

    internal void Validate()
    {
        if (!(ValidFraction >= 0 && ValidFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidFraction), ValidFraction, $"{nameof(ValidFraction)} must be in [0, 1).");
        if (Layout is { } layout && !Enum.IsDefined(layout))
            throw new ArgumentOutOfRangeException(nameof(Layout), layout, $"{nameof(Layout)} is not a known layout.");
        if (!Enum.IsDefined(RobertaText))
            throw new ArgumentOutOfRangeException(nameof(RobertaText), RobertaText, $"{nameof(RobertaText)} is not a known mode.");
    }
}
