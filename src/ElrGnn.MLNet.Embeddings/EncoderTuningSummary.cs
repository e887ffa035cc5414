namespace ElrGnn.MLNet.Features;

/// <summary>How the encoder of a tuned <see cref="UtteranceEmbeddingTransformer"/> was fine-tuned (the full tuning on all
/// training rows; cross-fitting tunings are counted in <see cref="CrossFitFolds"/> only).</summary>
/// <param name="Seed">The seed used.</param>
/// <param name="BestEpoch">1-based epoch whose weights were kept.</param>
/// <param name="EpochLosses">Mean class-weighted training loss per epoch.</param>
/// <param name="ValidationWeightedF1">Validation weighted F1 of the tuning head per epoch (null entries without validation rows).</param>
/// <param name="TrainingRows">Labelled rows tuned on.</param>
/// <param name="Tokens">Word pieces trained on over all epochs (padding excluded).</param>
/// <param name="TrainSeconds">Wall time of the optimisation steps over all epochs (validation excluded).</param>
/// <param name="CrossFitFolds">Cross-fitting folds (0 = off).</param>
public sealed record EncoderTuningSummary(int Seed, int BestEpoch, IReadOnlyList<double> EpochLosses,
    IReadOnlyList<double?> ValidationWeightedF1, int TrainingRows, long Tokens, double TrainSeconds, int CrossFitFolds)
{
    /// <summary>Word pieces per second of the optimisation steps.</summary>
    public double TokensPerSecond => TrainSeconds > 0 ? Tokens / TrainSeconds : 0;

    /// <summary>Mean seconds per epoch of the optimisation steps.</summary>
    public double SecondsPerEpoch => EpochLosses.Count > 0 ? TrainSeconds / EpochLosses.Count : 0;
}
