using Microsoft.ML;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>The train / validation / test data views made by <see cref="CommunityFeatureFile.ToDataViews"/>.</summary>
/// <param name="Train">Training utterances (one row per utterance, dialogues in split-list order).</param>
/// <param name="Valid">Validation utterances; a view with the same schema and no rows when there is no validation split.</param>
/// <param name="Test">Test utterances.</param>
public sealed record CommunityDataViews(IDataView Train, IDataView Valid, IDataView Test);
