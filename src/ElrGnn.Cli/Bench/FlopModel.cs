using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;

namespace ElrGnn.Cli.Bench;

/// <summary>
/// Analytic count of the real arithmetic in one training epoch: the matrix products of every module on the real
/// utterances (padding excluded), 2 FLOP per multiply-add, backward counted as twice the forward. Element-wise work is
/// left out, so achieved GFLOP/s against the GEMM peak understates how busy the hardware is (a lower bound). The speaker
/// branch costs <see cref="SpeakerGraphBlock"/> per block, i.e. per relational + plain convolution pair.
/// </summary>
internal static class FlopModel
{
    /// <summary>FLOP of one epoch of training on conversations of the given lengths.</summary>
    /// <param name="config">The network's shapes and switches.</param>
    /// <param name="lengths">Utterances per training conversation.</param>
    /// <param name="pastWindow">Past window p of the speaker graph.</param>
    /// <param name="futureWindow">Future window f of the speaker graph.</param>
    /// <param name="topK">Entries kept per row of Π.</param>
    public static double TrainingEpoch(NetworkConfig config, IEnumerable<int> lengths, int pastWindow, int futureWindow, int topK) =>
        3 * Forward(config, lengths, pastWindow, futureWindow, topK);

    /// <summary>FLOP of one forward pass (inference) over conversations of the given lengths.</summary>
    /// <param name="config">The network's shapes and switches.</param>
    /// <param name="lengths">Utterances per conversation.</param>
    /// <param name="pastWindow">Past window p of the speaker graph.</param>
    /// <param name="futureWindow">Future window f of the speaker graph.</param>
    /// <param name="topK">Entries kept per row of Π.</param>
    public static double Forward(NetworkConfig config, IEnumerable<int> lengths, int pastWindow, int futureWindow, int topK)
    {
        double forward = 0;
        foreach (int n in lengths)
        {
            // Mean window and top-k size within this conversation (a short conversation has fewer neighbours).
            double window = Enumerable.Range(0, n).Average(i => Math.Min(i, pastWindow) + Math.Min(n - 1 - i, futureWindow) + 1.0);
            double k = Math.Min(topK, n);
            forward += n * PerUtterance(config, window, k, n);
        }
        return forward;
    }

    private static double PerUtterance(NetworkConfig c, double window, double k, int length)
    {
        double dh = c.HiddenSize, d = c.ModelSize, m = c.ModalityDimensions.Count;
        double f = c.ModalityDimensions.Sum(dim => Gemm(dim, dh));                 // projections
        double encoderOut = dh;
        switch (c.ContextEncoder)
        {
            case ContextEncoderKind.PerModality:
                f += m * Lstm(dh, dh / 2, c.LstmLayers);
                encoderOut = m * dh;
                break;
            case ContextEncoderKind.Concatenated:
                f += Lstm(m * dh, dh / 2, 1) + Lstm(dh, dh / 2, c.LstmLayers - 1);
                break;
            default:
                // Input projection, then per layer: Q, K, V, output (4 dh²), feed-forward dh → 2dh → dh, attention over the conversation.
                f += Gemm(m * dh, dh) + c.LstmLayers * (4 * Gemm(dh, dh) + 2 * Gemm(dh, 2 * dh) + 4 * length * dh);
                break;
        }
        f += Gemm(encoderOut, d);
        if (c.IsContextOnly)
            return f + Classifier(d, c.ClassCount);

        int branches = 1;
        if (c.UseSpeakerGraph)
        {
            f += c.SpeakerGraphLayers * SpeakerGraphBlock(d, window);
            branches++;
        }
        if (c.UseGfpBranch)
        {
            f += c.LatentOperator == LatentOperatorKind.RelationAware
                ? 3 * Gemm(d, d) + Gemm(2 * d, d) + 2 * 2 * k * d
                : 2 * k * d;
            branches++;
        }
        if (c.UseDenoise)
            f += branches * 2 * Gemm(d, d);
        int streams = branches;
        if (c.UseEarlyFusion)
        {
            f += Gemm(branches * d, d);
            streams++;
        }
        if (c.UseLateFusion)
            f += streams * (Gemm(d, d) + Gemm(d, 1));
        return f + Classifier(d, c.ClassCount);
    }

    /// <summary>Message-passing convolutions of the speaker-relation branch: 2 per block (relational, then plain), 0 without it.</summary>
    public static int SpeakerGraphConvolutions(NetworkConfig config) =>
        config.UseSpeakerGraph ? config.SpeakerGraphLayers * SpeakerRelationalGraphLayer.Convolutions : 0;

    /// <summary>FLOP per utterance of one speaker-graph block: its two convolutions.</summary>
    /// <param name="d">Model width.</param>
    /// <param name="window">Mean window size (neighbours, self included).</param>
    public static double SpeakerGraphBlock(double d, double window) => RelationalConvolution(d, window) + PlainConvolution(d, window);

    // W_e (attention keys), W_r for the 5 relations, W_0 (root); attention scores and the weighted message sum over the window.
    private static double RelationalConvolution(double d, double window) =>
        (2 + SpeakerRelationalGraphLayer.RelationCount) * Gemm(d, d) + 2 * 2 * window * d;

    // W_1 on the neighbour sum, W_2 on the node itself; the sum over the window.
    private static double PlainConvolution(double d, double window) => 2 * Gemm(d, d) + 2 * window * d;

    private static double Gemm(double input, double output) => 2 * input * output;

    // Per step and direction, four gates from the input and the previous hidden state; later layers read both directions.
    private static double Lstm(double input, double hidden, int layers) =>
        layers <= 0 ? 0 : 2 * Gemm(input + hidden, 4 * hidden) + (layers - 1) * 2 * Gemm(3 * hidden, 4 * hidden);

    private static double Classifier(double d, int classes) => Gemm(d, d) + Gemm(d, classes);

    /// <summary>
    /// FLOP of one fine-tuning step per real word piece of MiniLM-L6: the six layers' Q, K, V, attention-output and two
    /// FFN products (2 · 384 · (4 · 384 + 2 · 1536) per layer) and the classification head are left at under 0.1 %;
    /// the attention scores (4 · T · 384 per piece and layer, under 2 % at IEMOCAP's T ≈ 20) are left out, so this is a
    /// lower bound. Backward counts twice the forward.
    /// </summary>
    public static double EncoderTuningPerToken => 3.0 * 6 * 2 * 384 * (4 * 384 + 2 * 1536);
}
