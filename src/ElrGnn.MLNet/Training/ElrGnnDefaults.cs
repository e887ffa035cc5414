using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Internal;
using ElrGnn.MLNet.Modules;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// Default values of the ELR-GNN trainer (spec §3.1, IEMOCAP column, and the [INF] choices of §6). The single
/// source for <see cref="ElrGnnTrainer.Options"/>, its presets, the catalog and the documentation. Facts owned elsewhere are
/// not repeated here: column names are <see cref="ConversationColumns"/>'s and the speaker graph's window is
/// <see cref="Graph.GraphDefaults.SpeakerGraphPastWindow"/> / <see cref="Graph.GraphDefaults.SpeakerGraphFutureWindow"/>.
/// </summary>
public static class ElrGnnDefaults
{
    /// <summary>Default feature columns, one per modality: "Text", "Audio", "Visual".</summary>
    public static IReadOnlyList<string> FeatureColumnNames { get; } = [ConversationColumns.Text, ConversationColumns.Audio, ConversationColumns.Visual];

    /// <summary>Adam learning rate: 1e-4 (DialogueGCN, M3Net).</summary>
    public const double LearningRate = 1e-4;

    /// <summary>Adam weight decay (L2): 3e-5 (IEMOCAP).</summary>
    public const double WeightDecay = 3e-5;

    /// <summary>Adam weight decay of the MELD preset: 1e-5.</summary>
    public const double MeldWeightDecay = 1e-5;

    /// <summary>Dropout: 0.5 (IEMOCAP).</summary>
    public const double Dropout = 0.5;

    /// <summary>Dropout of the MELD preset: 0.4.</summary>
    public const double MeldDropout = 0.4;

    /// <summary>Conversations per batch: 16.</summary>
    public const int BatchSize = 16;

    /// <summary>Maximum epochs: 60 (IEMOCAP).</summary>
    public const int MaxEpochs = 60;

    /// <summary>Maximum epochs of the MELD preset: 30.</summary>
    public const int MeldMaxEpochs = 30;

    /// <summary>dh, projection and Bi-LSTM width (128 per direction): 256.</summary>
    public const int HiddenSize = 256;

    /// <summary>d, width of H, S, Z and the fusion: 256.</summary>
    public const int ModelSize = 256;

    /// <summary>Bi-LSTM layers per modality: 1.</summary>
    public const int LstmLayers = 1;

    /// <summary>DropNode rate on Π during training: 0.5 (GRAND+).</summary>
    public const double DropNode = 0.5;

    /// <summary>Class weights 1/freq in the loss: on (IEMOCAP).</summary>
    public const bool UseClassWeights = true;

    /// <summary>Class weights in the MELD preset: off.</summary>
    public const bool MeldUseClassWeights = false;

    /// <summary>Gradient-norm clipping: 0 (off).</summary>
    public const double GradientClip = 0;

    /// <summary>Epochs without a validation weighted-F1 gain before stopping: 10.</summary>
    public const int EarlyStoppingPatience = 10;

    /// <summary>Share of the training conversations held out for validation when no validation set is given: 0.1 (spec §3.2).</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>Device: "cpu".</summary>
    public const string Device = TorchDevices.Cpu;

    /// <summary>Context encoder: <see cref="ContextEncoderKind.PerModality"/>.</summary>
    public const ContextEncoderKind ContextEncoder = ContextEncoderKind.PerModality;

    /// <summary>Latent operator: <see cref="LatentOperatorKind.RelationAware"/>.</summary>
    public const LatentOperatorKind LatentOperator = LatentOperatorKind.RelationAware;

    /// <summary>Late fusion: <see cref="LateFusionKind.Representation"/>.</summary>
    public const LateFusionKind LateFusion = LateFusionKind.Representation;

    /// <summary>GFP latent branch: on.</summary>
    public const bool UseGfpBranch = true;

    /// <summary>Speaker-relation branch: on.</summary>
    public const bool UseSpeakerGraph = true;

    /// <summary>Stacked speaker-relation graph blocks (relational + plain convolution each): 1 (spec §2.2, 2 convolutions).
    /// More blocks make the full-graph RGCN baseline.</summary>
    public const int SpeakerGraphLayers = 1;

    /// <summary>Context residual around the AIM (r + H into the classifier, [INF]): on.</summary>
    public const bool UseContextResidual = true;

    /// <summary>Early fusion: on.</summary>
    public const bool UseEarlyFusion = true;

    /// <summary>Adaptive late fusion: on.</summary>
    public const bool UseLateFusion = true;

    /// <summary>Denoising gates: on.</summary>
    public const bool UseDenoise = true;

    /// <summary>Heads of the relation-aware operator: 1.</summary>
    public const int Heads = 1;

    /// <summary>Heads of the Transformer context encoder (ablation only): 4.</summary>
    public const int TransformerHeads = 4;

    /// <summary>Learned speaker embedding added to the modality projections (spec §2.1, optional [INF]): off.</summary>
    public const bool UseSpeakerEmbedding = false;

    /// <summary>Speaker embeddings when that is on: 9 (MELD's most speakers per dialogue).</summary>
    public const int MaxSpeakers = 9;

    /// <summary>DropNode samples per batch for the GRAND+ consistency loss (spec §2.7): 1 = off.</summary>
    public const int ConsistencySamples = 1;

    /// <summary>Weight λ_c of the consistency loss: 1.0 (GRAND+).</summary>
    public const double ConsistencyWeight = 1.0;

    /// <summary>Sharpening temperature of the consistency loss: 0.1 (GRAND+).</summary>
    public const double ConsistencyTemperature = 0.1;

    /// <summary>Epochs over which λ_c ramps up linearly from λ_c/ramp to λ_c: 10.</summary>
    public const int ConsistencyRampEpochs = 10;

    /// <summary>Resume from a checkpoint found in the checkpoint directory: true.</summary>
    public const bool ResumeFromCheckpoint = true;

    /// <summary>Text recipe (MiniLM sentence embeddings, chosen on IEMOCAP's valid split): learning rate 1e-3.</summary>
    public const double TextLearningRate = 1e-3;

    /// <summary>Text recipe: d = 128 (the graph branches then cost less than the Bi-LSTM encoder).</summary>
    public const int TextModelSize = 128;

    /// <summary>IEMOCAP text recipe: batches of 8 dialogues (108 training dialogues give few steps at 16).</summary>
    public const int IemocapTextBatchSize = 8;

    /// <summary>IEMOCAP text recipe: up to 80 epochs.</summary>
    public const int IemocapTextMaxEpochs = 80;

    /// <summary>IEMOCAP text recipe: early-stopping patience 20 (the first epochs are a plateau near ln C).</summary>
    public const int IemocapTextPatience = 20;
}
