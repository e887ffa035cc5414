using ElrGnn.MLNet.Modules;

namespace ElrGnn.MLNet.Training;

/// <summary>Outcome of <see cref="TrainingLoop.Run"/>: the network with the best epoch's weights and how the run went.</summary>
public sealed class TrainingResult : IDisposable
{
    internal TrainingResult(ElrGnnNetwork network, int seed, int bestEpoch, int epochsCompleted, IReadOnlyList<TrainingProgress> history,
        bool cancelled, bool stoppedEarly, float[]? classWeights)
    {
        Network = network;
        Seed = seed;
        BestEpoch = bestEpoch;
        EpochsCompleted = epochsCompleted;
        History = history;
        Cancelled = cancelled;
        StoppedEarly = stoppedEarly;
        ClassWeights = classWeights;
    }

    /// <summary>The trained network, holding the weights of <see cref="BestEpoch"/> (the initial weights when no epoch
    /// completed), on the training device, in evaluation mode.</summary>
    public ElrGnnNetwork Network { get; }

    /// <summary>The run seed actually used.</summary>
    public int Seed { get; }

    /// <summary>1-based epoch whose weights were kept: best validation weighted F1, or the last epoch without validation; 0 if none completed.</summary>
    public int BestEpoch { get; }

    /// <summary>Epochs fully trained, including those of a resumed checkpoint.</summary>
    public int EpochsCompleted { get; }

    /// <summary>Per-epoch reports, including those of a resumed checkpoint.</summary>
    public IReadOnlyList<TrainingProgress> History { get; }

    /// <summary>True when the cancellation token stopped the run; <see cref="Network"/> is then the best model so far.</summary>
    public bool Cancelled { get; }

    /// <summary>True when early stopping ended the run.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Class weights ω used in the loss, or null when class weighting was off.</summary>
    public float[]? ClassWeights { get; }

    /// <summary>Disposes <see cref="Network"/>.</summary>
    public void Dispose() => Network.Dispose();
}
