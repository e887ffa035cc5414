using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// The training loop's bookkeeping between epochs, saved in every checkpoint together with the live weights and the
/// optimizer state. Random streams are not saved: they are re-derived per epoch (see <see cref="Seeding"/>).
/// </summary>
internal sealed class CheckpointState : IDisposable
{
    /// <summary>Creates the state of a fresh run.</summary>
    /// <param name="fingerprint">Describes everything that shapes the trajectory; a resume must match it.</param>
    public CheckpointState(string fingerprint) => Fingerprint = fingerprint;

    /// <summary>Options, seed and data summary the run was started with.</summary>
    public string Fingerprint { get; }

    /// <summary>Epochs fully trained (and validated).</summary>
    public int EpochsCompleted { get; set; }

    /// <summary>True once early stopping fired; a resume then only restores the result.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>1-based best epoch; 0 before the first epoch completes.</summary>
    public int BestEpoch { get; set; }

    /// <summary>Validation weighted F1 of the best epoch (−1 before any).</summary>
    public double BestScore { get; set; } = -1;

    /// <summary>Epochs since the best one.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>Per-epoch reports so far.</summary>
    public List<TrainingProgress> History { get; } = [];

    /// <summary>CPU snapshot of the best epoch's weights, or null.</summary>
    public Dictionary<string, Tensor>? BestWeights { get; private set; }

    /// <summary>Replaces the best-weights snapshot, disposing the old one.</summary>
    /// <param name="snapshot">New snapshot (ownership moves here).</param>
    public void ReplaceBest(Dictionary<string, Tensor>? snapshot)
    {
        if (!ReferenceEquals(snapshot, BestWeights))
            NetworkState.DisposeAll(BestWeights);
        BestWeights = snapshot;
    }

    /// <inheritdoc />
    public void Dispose() => ReplaceBest(null);
}
