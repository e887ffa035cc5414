using ElrGnn.MLNet.Features.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>Runs a <see cref="MiniLmModel"/> over many texts in batches of similar length (little padding), without gradients.</summary>
internal static class TunedEncoding
{
    /// <summary>Unit-norm 384-d vectors, one per input, in input order.</summary>
    public static float[][] Embed(MiniLmModel encoder, IReadOnlyList<string> inputs, int batchSize, Device device, CancellationToken cancellationToken)
    {
        var result = new float[inputs.Count][];
        ForEachBatch(encoder, inputs, batchSize, device, cancellationToken, (rows, pooled) =>
        {
            using var unit = MeanPooling.Normalize(pooled).cpu();
            var values = unit.data<float>().ToArray();
            for (var b = 0; b < rows.Length; b++)
                result[rows[b]] = values.AsSpan(b * MiniLmConfig.Hidden, MiniLmConfig.Hidden).ToArray();
        });
        return result;
    }

    /// <summary>
    /// Calls <paramref name="onBatch"/> with the row indices of each batch and their mean-pooled vectors (B, 384), in
    /// eval mode under no_grad (the encoder's mode is restored). Inputs are batched in order of length.
    /// </summary>
    public static void ForEachBatch(MiniLmModel encoder, IReadOnlyList<string> inputs, int batchSize, Device device,
        CancellationToken cancellationToken, Action<int[], Tensor> onBatch)
    {
        var wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var noGrad = no_grad();
            var order = Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i].Length).ToArray();
            foreach (var rows in order.Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (ids, mask) = MiniLmTokenizer.Encode([.. rows.Select(i => inputs[i])], device, out _);
                onBatch(rows, encoder.call(ids, mask));
            }
        }
        finally
        {
            if (wasTraining)
                encoder.train();
        }
    }
}
