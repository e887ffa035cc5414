using ElrGnn.MLNet.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// The ELR-GNN network (spec §1.2): context encoder → H; speaker-relation branch S and GFP latent branch Z;
/// AIM (denoise, early fusion, adaptive late fusion) → R; MLP → logits.
/// <code>
/// H = ContextEncoder(x^t, x^a, x^v)                   (Nodes, d)
/// S = SpeakerRelationalGraphLayer(H, G_s)             (Nodes, d)   (L stacked layers when SpeakerGraphLayers = L)
/// Z = RelationAwareOperator(H, Π)                     (Nodes, d)
/// x̃^b = DenoisingGate_b(b),  b ∈ {H, S, Z}
/// f = EarlyFusion(x̃^H, x̃^S, x̃^Z)
/// r = AdaptiveLateFusion({f, x̃^H, x̃^S, x̃^Z})  (+ H with the context residual)
/// o = MlpClassifier(r)                               (Nodes, C)
/// </code>
/// </summary>
/// <remarks>
/// <para>Ablation switches (from <see cref="NetworkConfig"/>) remove a branch or an AIM step: without early fusion the
/// stream f is dropped; without late fusion the streams are averaged; without denoising x̃^b = b. With both graph
/// branches off there is no AIM at all: o = MlpClassifier(H) ("bilstm_only").</para>
/// <para>Field names are part of the weight file format (TorchSharp matches weights by name): <c>encoder</c>,
/// <c>speakerGraph</c>, <c>deeperSpeakerGraph.{l}</c> (layers 2..L), <c>relationOperator</c>, <c>denoiseContext</c>, <c>denoiseSpeaker</c>, <c>denoiseLatent</c>,
/// <c>earlyFusion</c>, <c>lateFusion</c>, <c>classifier</c> and, for <see cref="LateFusionKind.Logit"/>, <c>heads</c>.
/// Absent parts have no weights.</para>
/// <para>Shapes: a <see cref="ConversationBatch"/> → logits (N_total, C), one row per real utterance in batch node order.</para>
/// </remarks>
public sealed class ElrGnnNetwork : nn.Module<ConversationBatch, Tensor>
{
    private readonly ContextEncoder encoder;
    private readonly SpeakerRelationalGraphLayer? speakerGraph;
    private readonly ModuleList<SpeakerRelationalGraphLayer>? deeperSpeakerGraph;
    private readonly RelationAwareOperator? relationOperator;
    private readonly DenoisingGate? denoiseContext;
    private readonly DenoisingGate? denoiseSpeaker;
    private readonly DenoisingGate? denoiseLatent;
    private readonly EarlyFusion? earlyFusion;
    private readonly AdaptiveLateFusion? lateFusion;
    private readonly MlpClassifier? classifier;
    private readonly ModuleList<MlpClassifier>? heads;

    /// <summary>Builds the network (parameters initialised from torch's default generator).</summary>
    /// <param name="config">Shapes, kinds and switches (validated here).</param>
    public ElrGnnNetwork(NetworkConfig config) : base(nameof(ElrGnnNetwork))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        int d = config.ModelSize;
        encoder = new ContextEncoder(nameof(encoder), config.ModalityDimensions, config.HiddenSize, d, config.LstmLayers,
            config.Dropout, config.ContextEncoder, config.TransformerHeads, config.SpeakerEmbeddings);

        if (config.IsContextOnly)
        {
            classifier = new MlpClassifier(nameof(classifier), d, config.ClassCount, config.Dropout);
            RegisterComponents();
            return;
        }

        if (config.UseSpeakerGraph)
        {
            speakerGraph = new SpeakerRelationalGraphLayer(nameof(speakerGraph), d);
            if (config.SpeakerGraphLayers > 1)
            {
                // Layer 1 keeps its name so one-layer weight files are unchanged.
                deeperSpeakerGraph = new ModuleList<SpeakerRelationalGraphLayer>();
                for (int l = 2; l <= config.SpeakerGraphLayers; l++)
                    deeperSpeakerGraph.Add(new SpeakerRelationalGraphLayer($"speakerGraph{l}", d));
            }
        }
        if (config.UseGfpBranch)
            relationOperator = new RelationAwareOperator(nameof(relationOperator), d, config.Heads, config.DropNode, config.LatentOperator);
        if (config.UseDenoise)
        {
            denoiseContext = new DenoisingGate(nameof(denoiseContext), d);
            if (config.UseSpeakerGraph)
                denoiseSpeaker = new DenoisingGate(nameof(denoiseSpeaker), d);
            if (config.UseGfpBranch)
                denoiseLatent = new DenoisingGate(nameof(denoiseLatent), d);
        }
        int branches = 1 + (config.UseSpeakerGraph ? 1 : 0) + (config.UseGfpBranch ? 1 : 0);
        if (config.UseEarlyFusion)
            earlyFusion = new EarlyFusion(nameof(earlyFusion), branches, d, config.Dropout);
        StreamCount = branches + (config.UseEarlyFusion ? 1 : 0);
        if (config.UseLateFusion)
            lateFusion = new AdaptiveLateFusion(nameof(lateFusion), d);

        if (config.UseLateFusion && config.LateFusion == LateFusionKind.Logit)
        {
            heads = new ModuleList<MlpClassifier>();
            for (int s = 0; s < StreamCount; s++)
                heads.Add(new MlpClassifier($"head{s}", d, config.ClassCount, config.Dropout));
        }
        else
        {
            classifier = new MlpClassifier(nameof(classifier), d, config.ClassCount, config.Dropout);
        }
        RegisterComponents();
    }

    /// <summary>The configuration the network was built from.</summary>
    public NetworkConfig Config { get; }

    /// <summary>Number of streams entering late fusion (0 for the context-only network).</summary>
    public int StreamCount { get; }

    /// <summary>Computes logits for every real utterance of the batch.</summary>
    /// <param name="batch">A batch from the batch builder, on this network's device.</param>
    /// <returns>Logits (N_total, C). For <see cref="LateFusionKind.Logit"/> these are mixed log-probabilities; softmax
    /// gives the (normalised geometric) mixture either way.</returns>
    public override Tensor forward(ConversationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var padded = encoder.call(batch.Features, batch.LengthTensor, batch.Mask, batch.Speakers);       // (B, T, d)
        var h = padded.reshape(-1, padded.shape[2]).index_select(0, batch.NodeIndex);   // (Nodes, d)
        return Head(h, batch.PropagationIndex, batch.PropagationWeight, batch.SpeakerNeighbours, batch.SpeakerRelations,
            batch.SpeakerNorm).MoveToOuterDisposeScope();
    }

    /// <summary>The context encoder (the streaming path runs its parts one turn at a time).</summary>
    internal ContextEncoder Encoder => encoder;

    /// <summary>
    /// Everything after the context encoder: graph branches, AIM and classifier on given node features H and graph
    /// tensors (same layouts as <see cref="ConversationBatch"/>'s; those of a branch that is off may be null).
    /// </summary>
    /// <param name="h">H, shape (Nodes, d).</param>
    /// <param name="propagationIndex">(Nodes, K) top-k Π columns, node ids into <paramref name="h"/>.</param>
    /// <param name="propagationWeight">(Nodes, K) Π values, 0 at padding.</param>
    /// <param name="speakerNeighbours">(Nodes, W) speaker-window neighbours.</param>
    /// <param name="speakerRelations">(Nodes, W) relation codes.</param>
    /// <param name="speakerNorm">(Nodes, W) 1/|N_r(i)|, 0 at padding.</param>
    /// <returns>Logits (Nodes, C), as <see cref="forward"/>.</returns>
    internal Tensor Head(Tensor h, Tensor? propagationIndex, Tensor? propagationWeight, Tensor? speakerNeighbours,
        Tensor? speakerRelations, Tensor? speakerNorm)
    {
        using var scope = NewDisposeScope();
        if (classifier is not null && Config.IsContextOnly)
            return classifier.call(h).MoveToOuterDisposeScope();

        var branches = new List<Tensor> { Denoise(denoiseContext, h) };
        if (speakerGraph is not null)
        {
            var (neighbours, relations, norm) = (Require(speakerNeighbours), Require(speakerRelations), Require(speakerNorm));
            var s = speakerGraph.call(h, neighbours, relations, norm);
            if (deeperSpeakerGraph is not null)
            {
                foreach (var layer in deeperSpeakerGraph)
                    s = layer.call(s, neighbours, relations, norm);
            }
            branches.Add(Denoise(denoiseSpeaker, s));
        }
        if (relationOperator is not null)
        {
            var z = relationOperator.call(h, Require(propagationIndex), Require(propagationWeight));
            branches.Add(Denoise(denoiseLatent, z));
        }

        var streams = new List<Tensor>(StreamCount);
        if (earlyFusion is not null)
            streams.Add(earlyFusion.call(branches));
        streams.AddRange(branches);
        var stacked = torch.stack(streams, 1);                                           // (Nodes, S, d)

        Tensor logits;
        if (heads is not null)
        {
            var lambda = lateFusion!.Weights(stacked);                                   // (Nodes, S)
            var logProbs = torch.stack(streams.Select((y, b) => nn.functional.log_softmax(heads[b].call(y), -1)).ToArray(), 1);
            logits = torch.bmm(lambda.unsqueeze(1), logProbs).squeeze(1);
        }
        else
        {
            var r = lateFusion is not null ? lateFusion.call(stacked) : stacked.mean([1]);
            logits = classifier!.call(Config.UseContextResidual ? r + h : r);
        }
        return logits.MoveToOuterDisposeScope();
    }

    private static Tensor Denoise(DenoisingGate? gate, Tensor x) => gate is null ? x : gate.call(x);

    private static Tensor Require(Tensor? t) =>
        t ?? throw new ArgumentException("The batch lacks the graph tensors this network needs; build it with the matching graph branches on.", "batch");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encoder.Dispose();
            speakerGraph?.Dispose();
            deeperSpeakerGraph?.Dispose();
            relationOperator?.Dispose();
            denoiseContext?.Dispose();
            denoiseSpeaker?.Dispose();
            denoiseLatent?.Dispose();
            earlyFusion?.Dispose();
            lateFusion?.Dispose();
            classifier?.Dispose();
            heads?.Dispose();
        }
        base.Dispose(disposing);
    }
}
