namespace ElrGnn.MLNet.Training;

/// <summary>How a model was trained: seed, epochs and the per-epoch history (kept in memory, not saved in the zip).</summary>
public sealed class ElrGnnTrainingSummary
{
    internal ElrGnnTrainingSummary(TrainingResult result, int seed)
    {
        Seed = seed;
        BestEpoch = result.BestEpoch;
        EpochsRun = result.EpochsCompleted;
        History = result.History;
        Cancelled = result.Cancelled;
        StoppedEarly = result.StoppedEarly;
    }

    /// <summary>The seed the run used (the option, MLContext's seed, or a random one).</summary>
    public int Seed { get; }

    /// <summary>The epoch whose weights were kept (best validation weighted F1, or the last without validation).</summary>
    public int BestEpoch { get; }

    /// <summary>Epochs completed.</summary>
    public int EpochsRun { get; }

    /// <summary>One entry per completed epoch.</summary>
    public IReadOnlyList<TrainingProgress> History { get; }

    /// <summary>True when training was cancelled; the best model so far was kept.</summary>
    public bool Cancelled { get; }

    /// <summary>True when early stopping ended training.</summary>
    public bool StoppedEarly { get; }
}
