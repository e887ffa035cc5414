namespace ElrGnn.Cli.Running;

/// <summary>What <c>elrgnn train</c> was asked for, after defaults were applied.</summary>
/// <param name="Preset">"iemocap" or "meld".</param>
/// <param name="Modalities">Modalities to train on ("text", "audio", "visual" order).</param>
/// <param name="Epochs">Maximum epochs; null = the preset's.</param>
/// <param name="Seed">Training seed.</param>
/// <param name="Device">Torch device name.</param>
/// <param name="Patience">Early-stopping patience; null = the preset's.</param>
/// <param name="LearningRate">Adam learning rate; null = the preset's.</param>
/// <param name="TrainerOptions">"Name=value" trainer-option overrides, applied last.</param>
/// <param name="CheckpointDirectory">Per-epoch checkpoint folder (resumed when it matches); null = no checkpoints.</param>
/// <param name="TextEmbeddings">True when the features are MiniLM text embedded by the CLI: the preset's text recipe applies.</param>
internal sealed record TrainSettings(string Preset, IReadOnlyList<string> Modalities, int? Epochs, int Seed, string Device,
    int? Patience = null, double? LearningRate = null, IReadOnlyList<string>? TrainerOptions = null, string? CheckpointDirectory = null,
    bool TextEmbeddings = false);
