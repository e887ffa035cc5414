using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;

namespace ElrGnn.Cli.Bench;

/// <summary>How a bench run is trained.</summary>
internal enum BenchRunKind
{
    /// <summary>The ELR-GNN trainer with some options changed (the model, its baselines and ablations).</summary>
    Network,

    /// <summary>ML.NET's LightGBM on the concatenated features of each utterance alone.</summary>
    ContextFreeLightGbm,

    /// <summary>ML.NET's L-BFGS maximum entropy on the concatenated features of each utterance alone.</summary>
    ContextFreeMaxEnt,

    /// <summary>The fine-tuned text encoder's own classification head on each utterance alone (tuned text only).</summary>
    EncoderOnly,
}

/// <summary>One row of the benchmark: a name (a bench.json contract), how it trains and exactly what it contains.</summary>
/// <param name="Name">The run's name in bench.json.</param>
/// <param name="Kind">Network or context-free.</param>
/// <param name="Description">What the run contains, for bench.json, RESULTS.md and the console.</param>
/// <param name="Adjust">Changes to the trainer options (network runs).</param>
/// <param name="SeedIndependent">The fit uses no randomness, so one seed is the whole run (fitted once, reported with
/// <c>seeds: [1]</c>, paired with every seed of another run in comparisons).</param>
internal sealed record BenchRun(string Name, BenchRunKind Kind, string Description, Action<ElrGnnTrainer.Options>? Adjust = null,
    bool SeedIndependent = false)
{
    // What every network run shares, so each description only says what differs.
    private const string Encoder = "per-modality Bi-LSTM context encoder";
    private const string Aim = "AIM (denoising gates, early fusion, adaptive late fusion), context residual, MLP classifier";

    /// <summary>Message-passing convolutions in one speaker-graph block (a relational convolution, then a plain one).</summary>
    public const int ConvolutionsPerBlock = SpeakerRelationalGraphLayer.Convolutions;

    /// <summary>Message-passing convolutions of <c>full_graph_rgcn</c>: the push's order (6 hops), so it reaches as far as
    /// ELR-GNN's precomputed propagation.</summary>
    public static int FullGraphConvolutions => GraphDefaults.Order;

    /// <summary>Speaker-graph blocks of <c>full_graph_rgcn</c>: <see cref="FullGraphConvolutions"/> / 2 = 3.</summary>
    public static int FullGraphBlocks => FullGraphConvolutions / ConvolutionsPerBlock;

    /// <summary>Message-passing convolutions of <c>rgcn_2_layers</c>: DialogueGCN's relational + plain convolution.</summary>
    public const int DialogueGcnConvolutions = 2;

    /// <summary>Every run, in bench.json order.</summary>
    public static IReadOnlyList<BenchRun> All { get; } =
    [
        new("elrgnn", BenchRunKind.Network,
            $"ELR-GNN (the CLI's train recipe): {Encoder}; speaker-relation branch S = 1 block = 2 message-passing convolutions " +
            $"(relational, then plain) over the p/f window; precomputed dilated-GFP branch Z with the relation-aware operator; {Aim}"),
        new("context_free_lightgbm", BenchRunKind.ContextFreeLightGbm,
            "ML.NET LightGBM on one utterance's features, no context; rows and features subsampled 80 % per tree with the run's seed"),
        new("context_free_maxent", BenchRunKind.ContextFreeMaxEnt,
            "ML.NET L-BFGS maximum entropy on one utterance's standardised features, no context; deterministic, so fitted once (1 seed)",
            SeedIndependent: true),
        new("encoder_only", BenchRunKind.EncoderOnly,
            "the fine-tuned MiniLM's own classification head on one utterance, no context (--text-encoder tuned only); the encoder's seed " +
            "is fixed, so fitted once (1 seed)", SeedIndependent: true),
        new("bilstm_only", BenchRunKind.Network, $"{Encoder} + MLP classifier; no graph branch, no AIM (0 convolutions)",
            o => { o.UseGfpBranch = false; o.UseSpeakerGraph = false; }),
        new("full_graph_rgcn", BenchRunKind.Network,
            $"DialogueGCN-style window RGCN: {Encoder}; speaker-relation branch S = {FullGraphBlocks} blocks = {FullGraphConvolutions} message-passing " +
            $"convolutions (the push's {GraphDefaults.Order} hops) recomputed every forward pass; no GFP branch; {Aim}",
            o => { o.UseGfpBranch = false; o.SpeakerGraphLayers = FullGraphBlocks; }),
        new("rgcn_2_layers", BenchRunKind.Network,
            $"DialogueGCN's depth: {Encoder}; speaker-relation branch S = 1 block = {DialogueGcnConvolutions} message-passing convolutions " +
            $"(relational, then plain); no GFP branch; {Aim} (the same configuration as no_gfp_branch)",
            o => { o.UseGfpBranch = false; o.SpeakerGraphLayers = DialogueGcnConvolutions / ConvolutionsPerBlock; }),
        new("no_gfp_branch", BenchRunKind.Network, "ELR-GNN without the precomputed-propagation branch Z (S: 1 block = 2 message-passing convolutions)", o => o.UseGfpBranch = false),
        new("no_speaker_graph", BenchRunKind.Network, "ELR-GNN without the speaker-relation branch S (0 convolutions; Z only)", o => o.UseSpeakerGraph = false),
        new("no_early_fusion", BenchRunKind.Network, "ELR-GNN without early fusion", o => o.UseEarlyFusion = false),
        new("no_late_fusion", BenchRunKind.Network, "ELR-GNN with the streams averaged instead of adaptive late fusion", o => o.UseLateFusion = false),
        new("no_denoise", BenchRunKind.Network, "ELR-GNN without the denoising gates", o => o.UseDenoise = false),
        new("plain_propagation", BenchRunKind.Network, "ELR-GNN with plain Π-weighted propagation instead of the relation-aware operator",
            o => o.LatentOperator = LatentOperatorKind.PlainPropagation),
        new("transformer_encoder", BenchRunKind.Network, "ELR-GNN with a Transformer context encoder in place of the Bi-LSTM",
            o => o.ContextEncoder = ContextEncoderKind.Transformer),
    ];

    /// <summary>The runs named in a comma-separated list (null or empty: all that apply), in bench order;
    /// <c>encoder_only</c> applies only to tuned text features.</summary>
    /// <exception cref="CliUsageException">A name is unknown, or encoder_only is asked for without tuned text.</exception>
    public static IReadOnlyList<BenchRun> Select(string? names, bool tunedText)
    {
        if (string.IsNullOrWhiteSpace(names))
            return All.Where(r => tunedText || r.Kind != BenchRunKind.EncoderOnly).ToArray();
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(n => All.All(r => r.Name != n)).ToArray();
        if (unknown.Length > 0)
            throw new CliUsageException($"--runs: unknown run '{string.Join("', '", unknown)}'; known: {string.Join(", ", All.Select(r => r.Name))}.");
        if (!tunedText && wanted.Contains("encoder_only"))
            throw new CliUsageException("--runs encoder_only needs a fine-tuned text encoder: utterances.csv data with --text-encoder tuned.");
        return All.Where(r => wanted.Contains(r.Name)).ToArray();
    }
}
