namespace ElrGnn.MLNet.Training;

/// <summary>What the training loop reports after each epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="MaxEpochs">The configured maximum number of epochs.</param>
/// <param name="TrainLoss">Mean weighted cross-entropy of the epoch's batches (weighted by labelled utterances).</param>
/// <param name="ValidationWeightedF1">Validation weighted F1 in [0, 1], or null without a validation set.</param>
/// <param name="ValidationAccuracy">Validation accuracy in [0, 1], or null without a validation set.</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
/// <param name="IsBest">True when this epoch's weights are the best so far (kept as the result).</param>
/// <param name="TrainSeconds">Wall time of the optimisation pass alone (no validation): what epoch-time comparisons use.</param>
public sealed record TrainingProgress(int Epoch, int MaxEpochs, double TrainLoss, double? ValidationWeightedF1,
    double? ValidationAccuracy, double Seconds, bool IsBest, double TrainSeconds);
