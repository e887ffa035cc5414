using ElrGnn.MLNet.Evaluation;

namespace ElrGnn.Cli.Output;

/// <summary>Everything metrics.json holds. Training fields are null for <c>elrgnn evaluate</c> (and then left out).</summary>
internal sealed record RunMetrics
{
    /// <summary>Test-split report (accuracy, F1s, confusion).</summary>
    public required ClassificationReport Report { get; init; }

    /// <summary>Test utterances scored per second (whole pipeline, batched).</summary>
    public required double InferenceUtterancesPerSecond { get; init; }

    /// <summary>Peak resident memory of the process, MB.</summary>
    public required double PeakMemoryMb { get; init; }

    /// <summary>Torch device name.</summary>
    public required string Device { get; init; }

    /// <summary>"synthetic" or the --data path.</summary>
    public required string Data { get; init; }

    /// <summary>Preset used for training (iemocap/meld); null for evaluate.</summary>
    public string? Dataset { get; init; }

    /// <summary>Training seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Epoch whose weights were kept.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Epochs completed.</summary>
    public int? EpochsRun { get; init; }

    /// <summary>Median epoch wall time, seconds (validation included).</summary>
    public double? EpochSecondsMedian { get; init; }

    /// <summary>Graph precompute time on the training conversations, seconds.</summary>
    public double? PrecomputeSeconds { get; init; }

    /// <summary>True when Ctrl-C stopped training early.</summary>
    public bool? Cancelled { get; init; }
}
