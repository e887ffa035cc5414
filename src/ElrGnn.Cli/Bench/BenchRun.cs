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
}

/// <summary>One row of the benchmark: a name (a bench.json contract), how it trains and what it tells.</summary>
/// <param name="Name">The run's name in bench.json.</param>
/// <param name="Kind">Network or context-free.</param>
/// <param name="Description">One line for RESULTS.md and the console.</param>
/// <param name="Adjust">Changes to the trainer options (network runs).</param>
internal sealed record BenchRun(string Name, BenchRunKind Kind, string Description, Action<ElrGnnTrainer.Options>? Adjust = null)
{
    /// <summary>Every run, in bench.json order.</summary>
    public static IReadOnlyList<BenchRun> All { get; } =
    [
        new("elrgnn", BenchRunKind.Network, "ELR-GNN, all branches (the CLI's train recipe)"),
        new("context_free_lightgbm", BenchRunKind.ContextFreeLightGbm, "LightGBM on one utterance's features, no context"),
        new("context_free_maxent", BenchRunKind.ContextFreeMaxEnt, "L-BFGS maximum entropy on one utterance's features, no context"),
        new("bilstm_only", BenchRunKind.Network, "Bi-LSTM context encoder + MLP, no graph branches",
            o => { o.UseGfpBranch = false; o.UseSpeakerGraph = false; }),
        new("full_graph_rgcn", BenchRunKind.Network, "DialogueGCN-style window RGCN, as many layers as push hops, message passing every forward pass",
            o => { o.UseGfpBranch = false; o.SpeakerGraphLayers = FullGraphLayers; }),
        new("rgcn_2_layers", BenchRunKind.Network, "the same RGCN with DialogueGCN's two layers",
            o => { o.UseGfpBranch = false; o.SpeakerGraphLayers = 2; }),
        new("no_gfp_branch", BenchRunKind.Network, "ELR-GNN without the precomputed-propagation branch Z", o => o.UseGfpBranch = false),
        new("no_speaker_graph", BenchRunKind.Network, "ELR-GNN without the speaker-relation branch S", o => o.UseSpeakerGraph = false),
        new("no_early_fusion", BenchRunKind.Network, "ELR-GNN without early fusion", o => o.UseEarlyFusion = false),
        new("no_late_fusion", BenchRunKind.Network, "ELR-GNN with the streams averaged instead of adaptive late fusion", o => o.UseLateFusion = false),
        new("no_denoise", BenchRunKind.Network, "ELR-GNN without the denoising gates", o => o.UseDenoise = false),
        new("plain_propagation", BenchRunKind.Network, "ELR-GNN with plain Π-weighted propagation instead of the relation-aware operator",
            o => o.LatentOperator = LatentOperatorKind.PlainPropagation),
        new("transformer_encoder", BenchRunKind.Network, "ELR-GNN with a Transformer encoder in place of the Bi-LSTM",
            o => o.ContextEncoder = ContextEncoderKind.Transformer),
    ];

    /// <summary>Layers of <c>full_graph_rgcn</c>: the push's order (hops), so it reaches as far as ELR-GNN's propagation.</summary>
    public static int FullGraphLayers => ElrGnn.MLNet.Graph.GraphDefaults.Order;

    /// <summary>The runs named in a comma-separated list (null or empty: all), in bench order.</summary>
    /// <exception cref="CliUsageException">A name is unknown.</exception>
    public static IReadOnlyList<BenchRun> Select(string? names)
    {
        if (string.IsNullOrWhiteSpace(names))
            return All;
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(n => All.All(r => r.Name != n)).ToArray();
        if (unknown.Length > 0)
            throw new CliUsageException($"--runs: unknown run '{string.Join("', '", unknown)}'; known: {string.Join(", ", All.Select(r => r.Name))}.");
        return All.Where(r => wanted.Contains(r.Name)).ToArray();
    }
}
