using ElrGnn.MLNet.Features.Modules;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>A tuned encoder (the best epoch's weights) and how the tuning went.</summary>
/// <param name="Encoder">The tuned MiniLM; the caller owns it.</param>
/// <param name="Head">The tuning head of the same epoch; the caller owns it.</param>
/// <param name="EpochLosses">Mean class-weighted training loss of each epoch.</param>
/// <param name="ValidationWeightedF1">Validation weighted F1 of each epoch (null without validation rows).</param>
/// <param name="BestEpoch">1-based epoch whose weights were kept.</param>
/// <param name="Tokens">Word pieces trained on over all epochs.</param>
/// <param name="TrainSeconds">Wall time of the optimisation steps (validation excluded).</param>
internal sealed record EncoderTuningResult(MiniLmModel Encoder, TunedHead Head, IReadOnlyList<double> EpochLosses,
    IReadOnlyList<double?> ValidationWeightedF1, int BestEpoch, long Tokens, double TrainSeconds);
