namespace ElrGnn.MLNet.Features;

/// <summary>What fine-tuning reports after each optimisation step and at the end of each epoch.</summary>
/// <param name="Stage">Which tuning: "full" (on all training rows) or "fold i/k" (cross-fitting).</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs configured.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="Steps">Steps per epoch.</param>
/// <param name="TrainLoss">Mean class-weighted cross-entropy of the epoch's steps so far.</param>
/// <param name="TokensPerSecond">Word pieces (padding excluded) trained on per second in this epoch so far.</param>
/// <param name="Remaining">Estimated time left for this tuning (this and the remaining epochs), validation excluded.</param>
/// <param name="ValidationWeightedF1">Validation weighted F1 of the head, at the end of an epoch with a validation set; else null.</param>
/// <param name="IsEpochEnd">True for the report that closes an epoch.</param>
public sealed record EncoderTuningProgress(string Stage, int Epoch, int Epochs, int Step, int Steps, double TrainLoss,
    double TokensPerSecond, TimeSpan Remaining, double? ValidationWeightedF1, bool IsEpochEnd);
