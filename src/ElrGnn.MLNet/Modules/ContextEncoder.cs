using ElrGnn.MLNet.Internal;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// Context encoder (spec §2.1): per-modality projection, sequential context, concatenation and output map:
/// <code>
/// e^m_i = drop( ReLU( W^m_p x^m_i + b^m_p ) )                 (<see cref="ModalityProjection"/>)
/// c^m_i = [→h^m_i || ←h^m_i] = BiLSTM_m( e^m_1..e^m_N )_i       each direction dh/2
/// h_i   = drop( W_h [c^t_i || c^a_i || c^v_i] + b_h )           h_i ∈ R^d
/// </code>
/// Optionally ([INF], M3Net's <c>--use_speaker</c>) a learned speaker embedding E[s_i] ∈ R^{dh} is added to every e^m_i.
/// </summary>
/// <remarks>
/// <para><see cref="ContextEncoderKind.PerModality"/> (default) runs one Bi-LSTM per modality;
/// <see cref="ContextEncoderKind.Concatenated"/> runs one Bi-LSTM on [e^t || e^a || e^v];
/// <see cref="ContextEncoderKind.Transformer"/> maps [e^t || e^a || e^v] to dh, adds sinusoidal positions and runs a
/// Transformer encoder with a key-padding mask. The Bi-LSTMs read packed sequences, so padding never reaches
/// the backward direction: a conversation gives the same h alone or inside a padded batch.</para>
/// <para>Shapes: features M × (B, T, D_m), lengths (B) int64 on the CPU, mask (B, T) bool (true = real utterance),
/// speakers (B, T) int64 local speaker index → (B, T, d); rows at padded positions are unspecified.</para>
/// <para>Weight names: <c>projections.{m}.proj.*</c>, <c>lstms.{m}.*</c> (LSTM kinds), <c>transformerInput.*</c> and
/// <c>transformer.layers.{l}.*</c> (Transformer kind), <c>output.*</c>, <c>speakerEmbedding.weight</c> (when on).</para>
/// </remarks>
public sealed class ContextEncoder : nn.Module<IReadOnlyList<Tensor>, Tensor, Tensor, Tensor, Tensor>
{
    private readonly ModuleList<ModalityProjection> projections;
    private readonly ModuleList<LSTM> lstms;
    private readonly Linear? transformerInput;
    private readonly TransformerEncoder? transformer;
    private readonly Linear output;
    private readonly Dropout drop;
    private readonly Embedding? speakerEmbedding;

    private readonly ContextEncoderKind _kind;
    private readonly long _hiddenSize;
    private readonly int _speakerEmbeddings;

    /// <summary>Creates the encoder.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="inputSizes">D_m per modality (each ≥ 1; at least one modality).</param>
    /// <param name="hiddenSize">dh: projection width and Bi-LSTM output width (even, ≥ 2).</param>
    /// <param name="modelSize">d: output width (≥ 1).</param>
    /// <param name="layers">Bi-LSTM (or Transformer) layers (≥ 1).</param>
    /// <param name="dropout">Dropout probability in [0, 1).</param>
    /// <param name="kind">Encoder kind.</param>
    /// <param name="transformerHeads">Attention heads of the Transformer kind (divides dh).</param>
    /// <param name="speakerEmbeddings">Number of speaker embeddings; 0 = none. Speaker indices at or beyond it share the last one.</param>
    public ContextEncoder(string name, IReadOnlyList<int> inputSizes, long hiddenSize, long modelSize, int layers, double dropout,
        ContextEncoderKind kind, int transformerHeads, int speakerEmbeddings = 0) : base(name)
    {
        ArgumentNullException.ThrowIfNull(inputSizes);
        if (inputSizes.Count == 0)
            throw new ArgumentException("At least one modality is needed.", nameof(inputSizes));
        if (hiddenSize < 2 || hiddenSize % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "dh must be even (dh/2 per LSTM direction).");
        _kind = kind;
        _hiddenSize = hiddenSize;
        int modalities = inputSizes.Count;

        projections = new ModuleList<ModalityProjection>();
        for (int m = 0; m < modalities; m++)
            projections.Add(new ModalityProjection($"projection{m}", inputSizes[m], hiddenSize, dropout));

        lstms = new ModuleList<LSTM>();
        double between = layers > 1 ? dropout : 0.0;
        long encoderOut = hiddenSize;
        switch (kind)
        {
            case ContextEncoderKind.PerModality:
                for (int m = 0; m < modalities; m++)
                    lstms.Add(nn.LSTM(hiddenSize, hiddenSize / 2, layers, batchFirst: true, dropout: between, bidirectional: true));
                encoderOut = modalities * hiddenSize;
                break;
            case ContextEncoderKind.Concatenated:
                lstms.Add(nn.LSTM(modalities * hiddenSize, hiddenSize / 2, layers, batchFirst: true, dropout: between, bidirectional: true));
                break;
            case ContextEncoderKind.Transformer:
                if (transformerHeads < 1 || hiddenSize % transformerHeads != 0)
                    throw new ArgumentOutOfRangeException(nameof(transformerHeads), transformerHeads, $"Transformer heads must divide dh ({hiddenSize}).");
                transformerInput = nn.Linear(modalities * hiddenSize, hiddenSize);
                transformer = nn.TransformerEncoder(nn.TransformerEncoderLayer(hiddenSize, transformerHeads, 2 * hiddenSize, dropout), layers);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown context encoder kind.");
        }
        output = nn.Linear(encoderOut, modelSize);
        drop = nn.Dropout(dropout);
        _speakerEmbeddings = speakerEmbeddings;
        if (speakerEmbeddings > 0)
            speakerEmbedding = nn.Embedding(speakerEmbeddings, hiddenSize);
        RegisterComponents();
    }

    /// <summary>Encodes a padded batch of conversations.</summary>
    /// <param name="features">Per modality, padded features (B, T, D_m).</param>
    /// <param name="lengths">Conversation lengths (B), int64, on the CPU, each ≥ 1.</param>
    /// <param name="mask">(B, T) bool, true at real utterances.</param>
    /// <param name="speakers">(B, T) int64 local speaker index (used only when speaker embeddings are on).</param>
    /// <returns>H, shape (B, T, d).</returns>
    public override Tensor forward(IReadOnlyList<Tensor> features, Tensor lengths, Tensor mask, Tensor speakers)
    {
        using var scope = NewDisposeScope();
        var e = Project(features, speakers);
        Tensor context = _kind switch
        {
            ContextEncoderKind.PerModality => torch.cat(e.Select((x, m) => RunLstm(lstms[m], x, lengths)).ToArray(), -1),
            ContextEncoderKind.Concatenated => RunLstm(lstms[0], Concat(e), lengths),
            _ => RunTransformer(Concat(e), mask),
        };
        return OutputMap(context).MoveToOuterDisposeScope();
    }

    /// <summary>The encoder's kind.</summary>
    internal ContextEncoderKind Kind => _kind;

    /// <summary>The Bi-LSTMs (one per modality, or one for the concatenated kind; none for the Transformer).</summary>
    internal IReadOnlyList<LSTM> Lstms => [.. lstms];

    /// <summary>
    /// The inputs of the Bi-LSTMs: e^m = projection (+ speaker embedding) per modality, concatenated into one for
    /// <see cref="ContextEncoderKind.Concatenated"/>. Any leading shape: features (…, D_m), speakers (…) → (…, dh·k).
    /// </summary>
    internal Tensor[] LstmInputs(IReadOnlyList<Tensor> features, Tensor speakers)
    {
        using var scope = NewDisposeScope();
        var e = Project(features, speakers);
        var inputs = _kind == ContextEncoderKind.PerModality ? e : [Concat(e)];
        foreach (var x in inputs)
            x.MoveToOuterDisposeScope();
        return inputs;
    }

    /// <summary>h = drop(W_h c + b_h): the output map from the Bi-LSTM outputs c (…, width of all directions).</summary>
    internal Tensor OutputMap(Tensor context) => drop.call(output.call(context));

    private Tensor[] Project(IReadOnlyList<Tensor> features, Tensor speakers)
    {
        if (features.Count != projections.Count)
            throw new ArgumentException($"Expected {projections.Count} modalities, got {features.Count}.", nameof(features));
        var e = new Tensor[features.Count];
        for (int m = 0; m < e.Length; m++)
            e[m] = projections[m].call(features[m]);
        if (speakerEmbedding is not null)
        {
            var who = speakerEmbedding.call(ClampToKnownSpeakers(speakers));   // (…, dh)
            for (int m = 0; m < e.Length; m++)
                e[m] = e[m] + who;
        }
        return e;
    }

    private Tensor ClampToKnownSpeakers(Tensor speakers)
    {
        using Scalar first = 0L.ToScalar(), last = (_speakerEmbeddings - 1L).ToScalar(); // held until clamp returns (see HeldScalar)
        return speakers.clamp(first, last);
    }

    private static Tensor Concat(Tensor[] parts) => parts.Length == 1 ? parts[0] : torch.cat(parts, -1);

    private static Tensor RunLstm(LSTM lstm, Tensor x, Tensor lengths)
    {
        // Packing keeps padded steps out of both directions; total_length restores T.
        long t = x.shape[1];
        var packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: false);
        var (outPacked, _, _) = lstm.call(packed);
        var (padded, _) = nn.utils.rnn.pad_packed_sequence(outPacked, batch_first: true, padding_value: 0.0, total_length: t);
        return padded;
    }

    private Tensor RunTransformer(Tensor x, Tensor mask)
    {
        var h = transformerInput!.call(x);                                  // (B, T, dh)
        h = h + SinusoidalPositions(h.shape[1], _hiddenSize, h.device).unsqueeze(0);
        var y = transformer!.call(h.transpose(0, 1), null!, mask.logical_not()); // the encoder wants (T, B, dh)
        return y.transpose(0, 1);
    }

    /// <summary>Sinusoidal position table (Vaswani et al.): interleaved sin/cos, shape (T, dh).</summary>
    internal static Tensor SinusoidalPositions(long length, long width, Device device)
    {
        using var scope = NewDisposeScope();
        var position = HeldScalar.Arange(length, ScalarType.Float32, device).unsqueeze(1);
        var even = HeldScalar.Arange(0, width, 2, ScalarType.Float32, device);
        var frequency = torch.exp(HeldScalar.With(-Math.Log(10000.0) / width, rate => even.mul(rate)));
        var angle = position * frequency.unsqueeze(0);                       // (T, dh/2)
        return torch.stack([torch.sin(angle), torch.cos(angle)], -1).reshape(length, width).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            projections.Dispose();
            lstms.Dispose();
            transformerInput?.Dispose();
            transformer?.Dispose();
            output.Dispose();
            speakerEmbedding?.Dispose();
            drop.Dispose();
        }
        base.Dispose(disposing);
    }
}
