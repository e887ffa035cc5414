using System.Text;
using ElrGnn.MLNet.Internal;
using ElrGnn.MLNet.Modules;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// Everything needed to rebuild an <see cref="ElrGnnNetwork"/> with the right shapes: input widths, classes, sizes,
/// kinds and ablation switches. Written in front of the weights so a saved model loads without the training options.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format, version 1 (little-endian, BinaryWriter) ***
/// bytes[8]   magic "ELRGNNet"
/// int32      format version (1)
/// int32      M, number of modalities
/// int32[M]   D_m, feature width per modality
/// int32      C, number of classes
/// int32      dh, HiddenSize
/// int32      d, ModelSize
/// int32      context encoder layers (LstmLayers)
/// int32      heads of the relation-aware operator
/// int32      heads of the Transformer context encoder
/// int32      speaker embeddings (0 = none)
/// double     dropout
/// double     DropNode rate
/// int32      ContextEncoderKind
/// int32      LatentOperatorKind
/// int32      LateFusionKind
/// bool × 5   UseGfpBranch, UseSpeakerGraph, UseEarlyFusion, UseLateFusion, UseDenoise
/// int32      speaker-relation graph layers (version ≥ 2)
/// bool       UseContextResidual (version ≥ 2)
/// </code>
/// Version history: 1 = first format; 2 = adds the speaker-graph layer count and the context residual
/// (version 1 reads as 1 layer, no residual).
/// </remarks>
public sealed record NetworkConfig
{
    /// <summary>Current format version written by <see cref="Write"/>.</summary>
    public const int FormatVersion = 2;

    /// <summary>Largest supported <see cref="SpeakerGraphLayers"/>.</summary>
    public const int MaxSpeakerGraphLayers = OptionChecks.MaxSpeakerGraphLayers;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("ELRGNNet");

    /// <summary>D_m per modality, in feature-column order (each ≥ 1; at least one).</summary>
    public required IReadOnlyList<int> ModalityDimensions { get; init; }

    /// <summary>Number of classes C (≥ 2).</summary>
    public required int ClassCount { get; init; }

    /// <summary>dh, projection and Bi-LSTM width (even, ≥ 2). Default <see cref="ElrGnnDefaults.HiddenSize"/>.</summary>
    public int HiddenSize { get; init; } = ElrGnnDefaults.HiddenSize;

    /// <summary>d, width of H, S, Z and the fusion (≥ 1). Default <see cref="ElrGnnDefaults.ModelSize"/>.</summary>
    public int ModelSize { get; init; } = ElrGnnDefaults.ModelSize;

    /// <summary>Context encoder layers (≥ 1). Default <see cref="ElrGnnDefaults.LstmLayers"/>.</summary>
    public int LstmLayers { get; init; } = ElrGnnDefaults.LstmLayers;

    /// <summary>Heads of the relation-aware operator (divides d). Default <see cref="ElrGnnDefaults.Heads"/>.</summary>
    public int Heads { get; init; } = ElrGnnDefaults.Heads;

    /// <summary>Heads of the Transformer context encoder (divides dh). Default <see cref="ElrGnnDefaults.TransformerHeads"/>.</summary>
    public int TransformerHeads { get; init; } = ElrGnnDefaults.TransformerHeads;

    /// <summary>Number of learned speaker embeddings added to the projections; 0 = none. Default 0 (off).</summary>
    public int SpeakerEmbeddings { get; init; }

    /// <summary>Dropout probability in [0, 1). Default <see cref="ElrGnnDefaults.Dropout"/>.</summary>
    public double Dropout { get; init; } = ElrGnnDefaults.Dropout;

    /// <summary>DropNode rate on Π in [0, 1). Default <see cref="ElrGnnDefaults.DropNode"/>.</summary>
    public double DropNode { get; init; } = ElrGnnDefaults.DropNode;

    /// <summary>Context encoder kind. Default <see cref="ContextEncoderKind.PerModality"/>.</summary>
    public ContextEncoderKind ContextEncoder { get; init; } = ElrGnnDefaults.ContextEncoder;

    /// <summary>Latent operator kind. Default <see cref="LatentOperatorKind.RelationAware"/>.</summary>
    public LatentOperatorKind LatentOperator { get; init; } = ElrGnnDefaults.LatentOperator;

    /// <summary>Late fusion kind. Default <see cref="LateFusionKind.Representation"/>.</summary>
    public LateFusionKind LateFusion { get; init; } = ElrGnnDefaults.LateFusion;

    /// <summary>Use the GFP latent branch Z. Default true.</summary>
    public bool UseGfpBranch { get; init; } = ElrGnnDefaults.UseGfpBranch;

    /// <summary>Use the speaker-relation branch S. Default true.</summary>
    public bool UseSpeakerGraph { get; init; } = ElrGnnDefaults.UseSpeakerGraph;

    /// <summary>Stacked speaker-relation graph blocks in branch S, in [1, <see cref="MaxSpeakerGraphLayers"/>]; each block is a
    /// relational convolution then a plain graph convolution (2 message-passing convolutions). Default 1.</summary>
    public int SpeakerGraphLayers { get; init; } = ElrGnnDefaults.SpeakerGraphLayers;

    /// <summary>Classifier input r + H instead of r (representation late fusion or the mean). Default true.</summary>
    public bool UseContextResidual { get; init; } = ElrGnnDefaults.UseContextResidual;

    /// <summary>Use early fusion (stream f). Default true.</summary>
    public bool UseEarlyFusion { get; init; } = ElrGnnDefaults.UseEarlyFusion;

    /// <summary>Use adaptive late fusion (off: mean of the streams). Default true.</summary>
    public bool UseLateFusion { get; init; } = ElrGnnDefaults.UseLateFusion;

    /// <summary>Use the AIM denoising gates (off: identity). Default true.</summary>
    public bool UseDenoise { get; init; } = ElrGnnDefaults.UseDenoise;

    /// <summary>True when both graph branches are off: the network is exactly encoder + MLP ("bilstm_only").</summary>
    public bool IsContextOnly => !UseGfpBranch && !UseSpeakerGraph;

    /// <summary>The shape-relevant part of trainer options, for data with the given widths and classes.</summary>
    /// <param name="options">Trainer options (validated here).</param>
    /// <param name="modalityDimensions">D_m per feature column.</param>
    /// <param name="classCount">Number of classes C.</param>
    /// <returns>A validated configuration.</returns>
    public static NetworkConfig FromOptions(ElrGnnTrainer.Options options, IReadOnlyList<int> modalityDimensions, int classCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(modalityDimensions);
        options.Validate();
        var config = new NetworkConfig
        {
            ModalityDimensions = modalityDimensions.ToArray(),
            ClassCount = classCount,
            HiddenSize = options.HiddenSize,
            ModelSize = options.ModelSize,
            LstmLayers = options.LstmLayers,
            Heads = options.Heads,
            TransformerHeads = options.TransformerHeads,
            SpeakerEmbeddings = options.UseSpeakerEmbedding ? options.MaxSpeakers : 0,
            Dropout = options.Dropout,
            DropNode = options.DropNode,
            ContextEncoder = options.ContextEncoder,
            LatentOperator = options.LatentOperator,
            LateFusion = options.LateFusion,
            UseGfpBranch = options.UseGfpBranch,
            UseSpeakerGraph = options.UseSpeakerGraph,
            SpeakerGraphLayers = options.SpeakerGraphLayers,
            UseContextResidual = options.UseContextResidual,
            UseEarlyFusion = options.UseEarlyFusion,
            UseLateFusion = options.UseLateFusion,
            UseDenoise = options.UseDenoise,
        };
        config.Validate();
        return config;
    }

    /// <summary>Checks every value; a message names the property, e.g. "NetworkConfig.Dropout must be in [0, 1)".</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the parameter name is the property's.</exception>
    public void Validate()
    {
        const string owner = nameof(NetworkConfig);
        if (ModalityDimensions is null || ModalityDimensions.Count == 0 || ModalityDimensions.Any(d => d < 1))
            throw new ArgumentOutOfRangeException(nameof(ModalityDimensions), $"{owner}.{nameof(ModalityDimensions)} must list at least one modality, each of width ≥ 1.");
        OptionChecks.AtLeast(ClassCount, 2, owner, nameof(ClassCount));
        OptionChecks.Between(SpeakerEmbeddings, 0, OptionChecks.MaxSpeakerEmbeddings, owner, nameof(SpeakerEmbeddings));
        OptionChecks.NetworkShape(new NetworkShapeValues(HiddenSize, ModelSize, LstmLayers, Heads, TransformerHeads, Dropout, DropNode,
            SpeakerGraphLayers, ContextEncoder, LatentOperator, LateFusion), owner);
    }

    /// <summary>Writes the header (format in the remarks).</summary>
    /// <param name="writer">Destination.</param>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ModalityDimensions.Count);
        foreach (int d in ModalityDimensions)
            writer.Write(d);
        writer.Write(ClassCount);
        writer.Write(HiddenSize);
        writer.Write(ModelSize);
        writer.Write(LstmLayers);
        writer.Write(Heads);
        writer.Write(TransformerHeads);
        writer.Write(SpeakerEmbeddings);
        writer.Write(Dropout);
        writer.Write(DropNode);
        writer.Write((int)ContextEncoder);
        writer.Write((int)LatentOperator);
        writer.Write((int)LateFusion);
        writer.Write(UseGfpBranch);
        writer.Write(UseSpeakerGraph);
        writer.Write(UseEarlyFusion);
        writer.Write(UseLateFusion);
        writer.Write(UseDenoise);
        writer.Write(SpeakerGraphLayers);
        writer.Write(UseContextResidual);
    }

    /// <summary>Reads a header written by <see cref="Write"/>, in the same order, and validates it.</summary>
    /// <param name="reader">Source positioned at the magic bytes.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidDataException">Not a network header, an unknown version, or invalid values.</exception>
    public static NetworkConfig Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException("Not an ELR-GNN network: the header magic is missing.");
            int version = reader.ReadInt32();
            if (version < 1 || version > FormatVersion)
                throw new InvalidDataException($"ELR-GNN network format version {version} is not supported (this library reads version {FormatVersion}).");
            int modalities = reader.ReadInt32();
            if (modalities < 1 || modalities > 64)
                throw new InvalidDataException($"ELR-GNN network header gives {modalities} modalities.");
            var dims = new int[modalities];
            for (int m = 0; m < modalities; m++)
                dims[m] = reader.ReadInt32();
            var config = new NetworkConfig
            {
                ModalityDimensions = dims,
                ClassCount = reader.ReadInt32(),
                HiddenSize = reader.ReadInt32(),
                ModelSize = reader.ReadInt32(),
                LstmLayers = reader.ReadInt32(),
                Heads = reader.ReadInt32(),
                TransformerHeads = reader.ReadInt32(),
                SpeakerEmbeddings = reader.ReadInt32(),
                Dropout = reader.ReadDouble(),
                DropNode = reader.ReadDouble(),
                ContextEncoder = (ContextEncoderKind)reader.ReadInt32(),
                LatentOperator = (LatentOperatorKind)reader.ReadInt32(),
                LateFusion = (LateFusionKind)reader.ReadInt32(),
                UseGfpBranch = reader.ReadBoolean(),
                UseSpeakerGraph = reader.ReadBoolean(),
                UseEarlyFusion = reader.ReadBoolean(),
                UseLateFusion = reader.ReadBoolean(),
                UseDenoise = reader.ReadBoolean(),
            };
            if (version >= 2)
                config = config with { SpeakerGraphLayers = reader.ReadInt32(), UseContextResidual = reader.ReadBoolean() };
            else
                config = config with { UseContextResidual = false };
            config.Validate();
            return config;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"ELR-GNN network header is truncated or invalid: {e.Message}", e);
        }
    }

    /// <summary>One-line description for errors and logs.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"dims [{string.Join(", ", ModalityDimensions)}], C={ClassCount}, dh={HiddenSize}, d={ModelSize}, layers={LstmLayers}, heads={Heads}, speakers={SpeakerEmbeddings}, " +
        $"encoder={ContextEncoder}, latent={LatentOperator}, late={LateFusion}, gfp={UseGfpBranch}, speaker={UseSpeakerGraph}x{SpeakerGraphLayers}, " +
        $"early={UseEarlyFusion}, lateFusion={UseLateFusion}, denoise={UseDenoise}, residual={UseContextResidual}";

    /// <summary>Value equality over every property (the modality widths element by element).</summary>
    /// <param name="other">The other configuration.</param>
    /// <returns>True when every property is equal.</returns>
    public bool Equals(NetworkConfig? other) =>
        other is not null
        && ModalityDimensions.SequenceEqual(other.ModalityDimensions)
        && ClassCount == other.ClassCount
        && HiddenSize == other.HiddenSize
        && ModelSize == other.ModelSize
        && LstmLayers == other.LstmLayers
        && Heads == other.Heads
        && TransformerHeads == other.TransformerHeads
        && SpeakerEmbeddings == other.SpeakerEmbeddings
        && Dropout.Equals(other.Dropout)
        && DropNode.Equals(other.DropNode)
        && ContextEncoder == other.ContextEncoder
        && LatentOperator == other.LatentOperator
        && LateFusion == other.LateFusion
        && UseGfpBranch == other.UseGfpBranch
        && UseSpeakerGraph == other.UseSpeakerGraph
        && SpeakerGraphLayers == other.SpeakerGraphLayers
        && UseContextResidual == other.UseContextResidual
        && UseEarlyFusion == other.UseEarlyFusion
        && UseLateFusion == other.UseLateFusion
        && UseDenoise == other.UseDenoise;

    /// <summary>Hash over the same properties as <see cref="Equals(NetworkConfig?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int d in ModalityDimensions)
            hash.Add(d);
        hash.Add(ClassCount);
        hash.Add(HiddenSize);
        hash.Add(ModelSize);
        hash.Add(LstmLayers);
        hash.Add(Heads);
        hash.Add(TransformerHeads);
        hash.Add(SpeakerEmbeddings);
        hash.Add(Dropout);
        hash.Add(DropNode);
        hash.Add(ContextEncoder);
        hash.Add(LatentOperator);
        hash.Add(LateFusion);
        hash.Add(UseGfpBranch);
        hash.Add(UseSpeakerGraph);
        hash.Add(SpeakerGraphLayers);
        hash.Add(UseContextResidual);
        hash.Add(UseEarlyFusion);
        hash.Add(UseLateFusion);
        hash.Add(UseDenoise);
        return hash.ToHashCode();
    }
}
