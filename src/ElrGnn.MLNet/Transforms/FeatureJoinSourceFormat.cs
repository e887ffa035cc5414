namespace ElrGnn.MLNet.Transforms;

/// <summary>The kind of feature file <see cref="FeatureJoinOptions.SourcePath"/> points at.</summary>
public enum FeatureJoinSourceFormat
{
    /// <summary>From the extension: ".pkl" / ".pickle" = <see cref="CommunityPickle"/>, ".csv" = <see cref="Csv"/>.</summary>
    Auto = 0,

    /// <summary>
    /// A community ERC feature pickle (IEMOCAP_features.pkl, MELD_features_raw1.pkl, COSMIC RoBERTa files):
    /// key = dialogue id and list index (turn 0, 1, …); features "Text", "Audio", "Visual".
    /// </summary>
    CommunityPickle = 1,

    /// <summary>
    /// A CSV with header <c>dialogue_id,turn,&lt;name&gt;_0,&lt;name&gt;_1,…</c> (e.g. <c>audio_0 … audio_99</c>);
    /// feature <c>name</c> is the columns <c>name_i</c>, case-insensitive.
    /// </summary>
    Csv = 2,
}
