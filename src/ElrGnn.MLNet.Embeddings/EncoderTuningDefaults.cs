namespace ElrGnn.MLNet.Features;

/// <summary>
/// Defaults of the fine-tuning options of <see cref="UtteranceEmbeddingOptions"/> (one place, so the options, the CLI
/// and the docs agree). Epochs and learning rate were chosen on IEMOCAP's valid split by the validation W-F1 of
/// ELR-GNN trained on the tuned vectors, and so were past turns and cross-fitting, which stay off; the table is in
/// RESULTS.md ("How the fine-tuning defaults were chosen").
/// </summary>
public static class EncoderTuningDefaults
{
    /// <summary>Passes over the training rows: 4 (the validation rows pick the epoch kept); range [1, 50].</summary>
    public const int Epochs = 4;

    /// <summary>AdamW peak learning rate: 3e-5 (1e-4 fits the head better but gave ELR-GNN worse vectors); range (0, 0.01].</summary>
    public const double LearningRate = 3e-5;

    /// <summary>Share of the optimisation steps with a linearly rising learning rate: 0.1; range [0, 1).</summary>
    public const double WarmupFraction = 0.1;

    /// <summary>AdamW decoupled weight decay: 0.01; range [0, 1].</summary>
    public const double WeightDecay = 0.01;

    /// <summary>Share of the training conversations held out to pick the epoch when no validation set is given: 0.1; range [0, 1).</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>
    /// Previous utterances put before the target in the encoder's input: 0 (none); range [0, 16]. Two past turns lifted
    /// the tuning head by 7 points on valid but ELR-GNN, which has its own context, by only 0.4, for 2.5× the tuning time
    /// and 5 GB peak memory.
    /// </summary>
    public const int PastTurns = 0;

    /// <summary>Largest <see cref="PastTurns"/>: 16.</summary>
    public const int MaxPastTurns = 16;

    /// <summary>
    /// Cross-fitting folds: 0 (off: training rows get the vectors of the encoder tuned on them); else [2, 10]. Two folds
    /// lowered ELR-GNN's valid W-F1 by 3 points: the default tuning barely over-fits, and the fold encoders, tuned on
    /// fewer rows, give the training rows weaker vectors than the valid and test rows get.
    /// </summary>
    public const int CrossFitFolds = 0;

    /// <summary>Largest <see cref="CrossFitFolds"/>: 10.</summary>
    public const int MaxCrossFitFolds = 10;

    /// <summary>Dropout inside the encoder and before the head while tuning: 0.1 (MiniLM's own).</summary>
    public const double Dropout = 0.1;
}
