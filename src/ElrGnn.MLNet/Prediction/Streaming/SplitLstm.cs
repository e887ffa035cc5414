using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// One single-layer Bi-LSTM of the context encoder split into its two directions, so a stream can advance the
/// forward direction by one step from a cached state and re-run the backward direction over a short suffix only.
/// </summary>
/// <remarks>
/// The weights are copied once (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c> to the
/// forward LSTM, their <c>_reverse</c> twins to the backward one); the backward direction is a forward LSTM run on the
/// reversed suffix from a zero state, which is what the bidirectional LSTM does at the end of the sequence.
/// Shapes: inputs (…, D_in) → outputs (…, H) with H = dh/2.
/// </remarks>
internal sealed class SplitLstm : IDisposable
{
    private readonly LSTM _forward;
    private readonly LSTM _backward;

    /// <summary>Splits <paramref name="bidirectional"/> (one layer, batch first) into two unidirectional LSTMs.</summary>
    public SplitLstm(LSTM bidirectional, long inputSize, long hiddenSize, Device device)
    {
        HiddenSize = hiddenSize;
        var source = bidirectional.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        _forward = Copy(source, "", inputSize, hiddenSize, device);
        _backward = Copy(source, "_reverse", inputSize, hiddenSize, device);
    }

    /// <summary>H, the width of one direction.</summary>
    public long HiddenSize { get; }

    /// <summary>One forward step for B streams: x (B, D_in), state (B, H) each → output (B, H) and the new state.</summary>
    public (Tensor Output, Tensor H, Tensor C) Step(Tensor x, Tensor h, Tensor c)
    {
        using var scope = NewDisposeScope();
        var (output, hn, cn) = _forward.call(x.unsqueeze(1), (h.unsqueeze(0), c.unsqueeze(0)));
        return (output.squeeze(1).MoveToOuterDisposeScope(), hn.squeeze(0).MoveToOuterDisposeScope(), cn.squeeze(0).MoveToOuterDisposeScope());
    }

    /// <summary>The forward direction over a whole sequence x (1, N, D_in) from a zero state: outputs (N, H) and the final state (1, H) each.</summary>
    public (Tensor Output, Tensor H, Tensor C) Run(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (output, hn, cn) = _forward.call(x);
        return (output.squeeze(0).MoveToOuterDisposeScope(), hn.squeeze(0).MoveToOuterDisposeScope(), cn.squeeze(0).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The backward direction over each suffix, as the Bi-LSTM computes it when the suffix ends the sequence:
    /// suffixes (R_b, D_in) → outputs (R_b, H) in the suffixes' own (forward) order.
    /// </summary>
    public Tensor[] Backward(IReadOnlyList<Tensor> suffixes)
    {
        using var scope = NewDisposeScope();
        int b = suffixes.Count;
        long longest = suffixes.Max(s => s.shape[0]);
        var reversed = suffixes.Select(s => s.flip(0)).ToArray();
        var padded = nn.utils.rnn.pad_sequence(reversed, batch_first: true);                          // (B, R_max, D_in)
        var lengths = torch.tensor(suffixes.Select(s => s.shape[0]).ToArray(), dtype: ScalarType.Int64);
        var packed = nn.utils.rnn.pack_padded_sequence(padded, lengths, batch_first: true, enforce_sorted: false);
        var (outPacked, _, _) = _backward.call(packed);
        var (output, _) = nn.utils.rnn.pad_packed_sequence(outPacked, batch_first: true, total_length: longest);
        var result = new Tensor[b];
        for (int i = 0; i < b; i++)
            result[i] = output[i].narrow(0, 0, suffixes[i].shape[0]).flip(0).MoveToOuterDisposeScope();
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _forward.Dispose();
        _backward.Dispose();
    }

    private static LSTM Copy(Dictionary<string, Parameter> source, string suffix, long inputSize, long hiddenSize, Device device)
    {
        var lstm = nn.LSTM(inputSize, hiddenSize, 1, batchFirst: true);
        lstm.to(device);
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in lstm.named_parameters())
            {
                if (!source.TryGetValue(name + suffix, out var weights))
                    throw new InvalidOperationException($"The Bi-LSTM has no parameter '{name + suffix}'.");
                parameter.copy_(weights);
            }
        }
        lstm.eval();
        return lstm;
    }
}
