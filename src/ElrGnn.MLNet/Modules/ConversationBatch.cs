using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// A batch of B conversations as tensors on one device: the input of <see cref="ElrGnnNetwork"/>. Utterances are
/// padded to the longest conversation T for the context encoder; the graph parts use the N_total real utterances
/// ("nodes") in batch order, conversation g owning nodes <c>NodeOffsets[g]..NodeOffsets[g+1]−1</c> (block-diagonal
/// batch graph). Built by <c>ElrGnn.MLNet.Training.BatchBuilder</c>.
/// </summary>
/// <remarks>Owns its tensors: dispose it (or let the enclosing dispose scope do so) after use.</remarks>
public sealed class ConversationBatch : IDisposable
{
    /// <summary>Wraps tensors built elsewhere (no copy). Graph tensors may be null when the branch is off.</summary>
    internal ConversationBatch(int[] lengths, int[] nodeOffsets, Tensor[] features, Tensor lengthTensor, Tensor mask,
        Tensor speakers, Tensor nodeIndex, Tensor labels, Tensor? propagationIndex, Tensor? propagationWeight,
        Tensor? speakerNeighbours, Tensor? speakerRelations, Tensor? speakerNorm)
    {
        Lengths = lengths;
        NodeOffsets = nodeOffsets;
        Features = features;
        LengthTensor = lengthTensor;
        Mask = mask;
        Speakers = speakers;
        NodeIndex = nodeIndex;
        Labels = labels;
        PropagationIndex = propagationIndex;
        PropagationWeight = propagationWeight;
        SpeakerNeighbours = speakerNeighbours;
        SpeakerRelations = speakerRelations;
        SpeakerNorm = speakerNorm;
    }

    /// <summary>Number of conversations B.</summary>
    public int Count => Lengths.Length;

    /// <summary>Padded length T (the longest conversation).</summary>
    public int MaxLength => (int)Mask.shape[1];

    /// <summary>Number of real utterances N_total.</summary>
    public int NodeCount => NodeOffsets[^1];

    /// <summary>Length of each conversation (C# copy of <see cref="LengthTensor"/>).</summary>
    public int[] Lengths { get; }

    /// <summary>First node of each conversation, length B + 1.</summary>
    public int[] NodeOffsets { get; }

    /// <summary>Per modality, padded features (B, T, D_m), float32; zeros at padding.</summary>
    public IReadOnlyList<Tensor> Features { get; }

    /// <summary>Conversation lengths (B), int64, always on the CPU (what sequence packing needs).</summary>
    public Tensor LengthTensor { get; }

    /// <summary>(B, T) bool, true at real utterances.</summary>
    public Tensor Mask { get; }

    /// <summary>(B, T) int64 local speaker index (<c>Conversation.SpeakerIndex</c>); 0 at padding.</summary>
    public Tensor Speakers { get; }

    /// <summary>(N_total) int64: node n sits at flat position b·T + t of the padded batch.</summary>
    public Tensor NodeIndex { get; }

    /// <summary>(N_total) int64 class index per node; -1 where unknown (ignored by the loss).</summary>
    public Tensor Labels { get; }

    /// <summary>(N_total, K) int64 batch-global column ids of the top-k Π rows; padding points at the node itself.</summary>
    public Tensor? PropagationIndex { get; }

    /// <summary>(N_total, K) float32 Π values; 0 at padding.</summary>
    public Tensor? PropagationWeight { get; }

    /// <summary>(N_total, W) int64 batch-global speaker-graph neighbours of each target; padding points at the node itself.</summary>
    public Tensor? SpeakerNeighbours { get; }

    /// <summary>(N_total, W) int64 relation type 0..4 of each entry; 0 at padding.</summary>
    public Tensor? SpeakerRelations { get; }

    /// <summary>(N_total, W) float32 1/|N_r(i)| at real entries; 0 at padding.</summary>
    public Tensor? SpeakerNorm { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var f in Features)
            f.Dispose();
        LengthTensor.Dispose();
        Mask.Dispose();
        Speakers.Dispose();
        NodeIndex.Dispose();
        Labels.Dispose();
        PropagationIndex?.Dispose();
        PropagationWeight?.Dispose();
        SpeakerNeighbours?.Dispose();
        SpeakerRelations?.Dispose();
        SpeakerNorm?.Dispose();
    }
}
