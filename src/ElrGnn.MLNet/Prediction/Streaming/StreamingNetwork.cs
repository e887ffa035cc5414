using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// Scores the newest turn t of one or more streams at the cost of its context window, not of its history
/// (issue 13). With a single-layer Bi-LSTM encoder (<see cref="ContextEncoderKind.PerModality"/> or
/// <see cref="ContextEncoderKind.Concatenated"/>), turn t's output depends on:
/// <list type="bullet">
/// <item>the forward LSTM: one step from the cached state after t − 1 (earlier forward outputs never change);</item>
/// <item>the backward LSTM at the nodes the graph branches read, which depends on turns j..t: it is re-run over the
/// suffix lo..t only, with lo = min(t − 2·p·L (speaker window p, L = <c>SpeakerGraphLayers</c>, two window steps per
/// layer), the lowest column of Π's row t); lo = t when both graph branches are off;</item>
/// <item>Π's row t on the prefix graph (<see cref="PrefixPropagation"/>, one push);</item>
/// <item>the speaker-relation graph on lo..t and the relation-aware operator, AIM and classifier on those R = t − lo + 1
/// nodes, of which the last is taken.</item>
/// </list>
/// So a turn costs O(R) LSTM steps and head nodes with R ≤ max(2·p·L, N_ord·Δ) + 1 (Δ the propagation graph's longest
/// edge; unbounded only with <c>SpeakerLinks</c>, whose edges reach any earlier turn of the same speaker). Results
/// equal the full pipeline on the prefix up to float rounding (≈1e-6), not bit for bit.
/// </summary>
/// <remarks>Encoders with more than one LSTM layer, or the Transformer encoder, see the whole history in every output
/// of the newest turn: <see cref="CanStream"/> is false for them and the stream reruns the full pipeline.
/// Thread-safe: holds no per-call state; callers serialise each stream's cache.</remarks>
internal sealed class StreamingNetwork : IDisposable
{
    private readonly ElrGnnNetwork _network;
    private readonly SplitLstm[] _lstms;
    private readonly PrefixPropagation? _propagation;
    private readonly (int Past, int Future) _window;
    private readonly Device _device;

    /// <summary>Prepares the incremental path for <paramref name="network"/>; check <see cref="CanStream"/> first.</summary>
    public StreamingNetwork(ElrGnnNetwork network, ConversationGraphOptions graphOptions, (int Past, int Future) speakerWindow)
    {
        if (!CanStream(network))
            throw new ArgumentException("This network's encoder cannot be streamed incrementally.", nameof(network));
        _network = network;
        _window = speakerWindow;
        _device = network.parameters().First().device;
        var config = network.Config;
        long half = config.HiddenSize / 2;
        var encoder = network.Encoder;
        _lstms = encoder.Lstms.Select(l => new SplitLstm(l, InputWidth(config, encoder.Kind), half, _device)).ToArray();
        if (config.UseGfpBranch)
            _propagation = new PrefixPropagation(graphOptions);
    }

    /// <summary>Number of Bi-LSTMs (cache slots per turn).</summary>
    public int LstmCount => _lstms.Length;

    /// <summary>True when the network's encoder is a single-layer Bi-LSTM (per modality or concatenated).</summary>
    public static bool CanStream(ElrGnnNetwork network) =>
        network.Config.LstmLayers == 1 && network.Encoder.Kind is ContextEncoderKind.PerModality or ContextEncoderKind.Concatenated;

    /// <summary>Fills an empty cache with <paramref name="turns"/> in one pass of the forward LSTMs (no scoring).</summary>
    public void Warm(StreamCache cache, IReadOnlyList<StreamTurn> turns)
    {
        if (turns.Count == 0)
            return;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var speakers = new List<int>(turns.Count);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var turn in turns)
        {
            if (!names.TryGetValue(turn.Speaker, out int k))
                names.Add(turn.Speaker, k = names.Count);
            speakers.Add(k);
        }
        var inputs = _network.Encoder.LstmInputs(Features(turns), torch.tensor(speakers.Select(s => (long)s).ToArray(), device: _device));
        var perLstm = _lstms.Select((lstm, l) =>
        {
            var (output, h, c) = lstm.Run(inputs[l].unsqueeze(0));
            return (X: Rows(inputs[l]), Out: Rows(output), H: Rows(h)[0], C: Rows(c)[0]);
        }).ToArray();
        for (int i = 0; i < turns.Count; i++)
            cache.Append(turns[i].ConversationId, turns[i].Turn, turns[i].Speaker, perLstm.Select(p => p.X[i]).ToArray(),
                perLstm.Select(p => p.Out[i]).ToArray(), perLstm.Select(p => p.H).ToArray(), perLstm.Select(p => p.C).ToArray());
    }

    /// <summary>Scores the next turn of each stream in one batch; the caches are read, not changed.</summary>
    public StreamStep[] Step(IReadOnlyList<(StreamCache Cache, StreamTurn Turn)> items)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        int b = items.Count;
        var encoder = _network.Encoder;
        var speakers = torch.tensor(items.Select(i => (long)i.Cache.SpeakerIndexOf(i.Turn.Speaker)).ToArray(), device: _device);
        var x = encoder.LstmInputs(Features(items.Select(i => i.Turn).ToArray()), speakers);        // per LSTM (B, D_in)

        // Forward direction: one step per stream from its cached state.
        var xRows = new float[_lstms.Length][][];
        var outRows = new float[_lstms.Length][][];
        var hRows = new float[_lstms.Length][][];
        var cRows = new float[_lstms.Length][][];
        var forwardNew = new Tensor[_lstms.Length];
        for (int l = 0; l < _lstms.Length; l++)
        {
            var h0 = State(items.Select(i => i.Cache.ForwardH[l]).ToArray(), _lstms[l].HiddenSize);
            var c0 = State(items.Select(i => i.Cache.ForwardC[l]).ToArray(), _lstms[l].HiddenSize);
            var (output, h, c) = _lstms[l].Step(x[l], h0, c0);
            forwardNew[l] = output;
            (xRows[l], outRows[l], hRows[l], cRows[l]) = (Rows(x[l]), Rows(output), Rows(h), Rows(c));
        }

        // The suffix each newest turn reads, and the graphs on it.
        var windows = items.Select(i => Window(i.Cache, i.Turn)).ToArray();
        var offsets = new int[b + 1];
        for (int i = 0; i < b; i++)
            offsets[i + 1] = offsets[i] + windows[i].Length;

        // Backward direction over each suffix, then H on the suffix nodes.
        var contexts = new List<Tensor>[b];
        for (int i = 0; i < b; i++)
            contexts[i] = [];
        for (int l = 0; l < _lstms.Length; l++)
        {
            var suffixes = new Tensor[b];
            var forward = new Tensor[b];
            for (int i = 0; i < b; i++)
            {
                var (cache, first) = (items[i].Cache, windows[i].First);
                suffixes[i] = torch.cat([Cached(cache.Inputs[l], first, x[l].shape[1]), x[l][i].unsqueeze(0)], 0);
                forward[i] = torch.cat([Cached(cache.ForwardOutputs[l], first, _lstms[l].HiddenSize), forwardNew[l][i].unsqueeze(0)], 0);
            }
            var backward = _lstms[l].Backward(suffixes);
            for (int i = 0; i < b; i++)
            {
                contexts[i].Add(forward[i]);
                contexts[i].Add(backward[i]);
            }
        }
        var hNodes = encoder.OutputMap(torch.cat(contexts.Select(c => torch.cat(c, -1)).ToArray(), 0));      // (Nodes, d)
        var graphs = StreamGraphTensors.Build(windows, offsets, _network.Config, _window, _device);
        var logits = _network.Head(hNodes, graphs.PropagationIndex, graphs.PropagationWeight, graphs.SpeakerNeighbours,
            graphs.SpeakerRelations, graphs.SpeakerNorm);
        var last = torch.tensor(offsets.Skip(1).Select(o => (long)o - 1).ToArray(), device: _device);
        var probabilities = Rows(torch.softmax(logits.index_select(0, last), -1));

        return Enumerable.Range(0, b).Select(i => new StreamStep
        {
            Probabilities = probabilities[i],
            Turn = items[i].Turn,
            Inputs = xRows.Select(r => r[i]).ToArray(),
            ForwardOutputs = outRows.Select(r => r[i]).ToArray(),
            H = hRows.Select(r => r[i]).ToArray(),
            C = cRows.Select(r => r[i]).ToArray(),
            Work = new StreamWork(_lstms.Length * (1 + windows[i].Length), windows[i].Length, Incremental: true),
        }).ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var lstm in _lstms)
            lstm.Dispose();
    }

    private StreamWindow Window(StreamCache cache, StreamTurn turn)
    {
        int t = cache.Count;
        var speakers = new List<int>(cache.SpeakerIndex) { cache.SpeakerIndexOf(turn.Speaker) };
        int first = t;
        var config = _network.Config;
        if (config.UseSpeakerGraph)
            first = Math.Max(0, t - 2 * _window.Past * config.SpeakerGraphLayers);
        (int[] Columns, float[] Weights)? row = null;
        if (_propagation is not null)
        {
            row = _propagation.LastRow(speakers);
            if (row.Value.Columns.Length > 0)
                first = Math.Min(first, row.Value.Columns[0]);
        }
        return new StreamWindow(first, speakers.GetRange(first, t - first + 1).ToArray(), row);
    }

    private static long InputWidth(Training.NetworkConfig config, ContextEncoderKind kind) =>
        kind == ContextEncoderKind.PerModality ? config.HiddenSize : (long)config.HiddenSize * config.ModalityDimensions.Count;

    private Tensor[] Features(IReadOnlyList<StreamTurn> turns)
    {
        var dims = _network.Config.ModalityDimensions;
        var result = new Tensor[dims.Count];
        for (int m = 0; m < dims.Count; m++)
        {
            var data = new float[turns.Count * dims[m]];
            for (int i = 0; i < turns.Count; i++)
                turns[i].Features[m].AsSpan().CopyTo(data.AsSpan(i * dims[m], dims[m]));
            result[m] = torch.tensor(data, [turns.Count, dims[m]], device: _device);
        }
        return result;
    }

    private Tensor State(float[]?[] perStream, long width)
    {
        var data = new float[perStream.Length * width];
        for (int i = 0; i < perStream.Length; i++)
            perStream[i]?.AsSpan().CopyTo(data.AsSpan((int)(i * width)));
        return torch.tensor(data, [perStream.Length, width], device: _device);
    }

    // Rows first..end of a cached per-turn list as a (rows, width) tensor (rows may be 0).
    private Tensor Cached(List<float[]> rows, int first, long width)
    {
        int count = rows.Count - first;
        var data = new float[count * width];
        for (int i = 0; i < count; i++)
            rows[first + i].AsSpan().CopyTo(data.AsSpan((int)(i * width), (int)width));
        return torch.tensor(data, [count, width], device: _device);
    }

    private static float[][] Rows(Tensor matrix)
    {
        var cpu = matrix.cpu().contiguous();
        long rows = cpu.shape[0], width = cpu.shape[1];
        var flat = cpu.data<float>().ToArray();
        return Enumerable.Range(0, (int)rows).Select(r => flat.AsSpan((int)(r * width), (int)width).ToArray()).ToArray();
    }
}
