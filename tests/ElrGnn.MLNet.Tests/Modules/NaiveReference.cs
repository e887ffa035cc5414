using ElrGnn.MLNet.Graph;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Tests.Modules;

/// <summary>Per-node loop implementations of the graph equations (spec §2.2, §2.4), in doubles, for comparison.</summary>
internal static class NaiveReference
{
    /// <summary>A named parameter as a row-major matrix [rows, cols] (vectors: one row).</summary>
    public static double[,] Weight(nn.Module module, string name)
    {
        var p = module.named_parameters().Single(x => x.name == name).parameter;
        var values = NetTestData.Values(p);
        long rows = p.dim() == 1 ? 1 : p.shape[0], cols = p.dim() == 1 ? p.shape[0] : p.shape[1];
        var m = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                m[r, c] = values[r * cols + c];
        return m;
    }

    /// <summary>y = W x (+ b), W [out, in].</summary>
    public static double[] Apply(double[,] w, double[] x, double[,]? b = null, int rowOffset = 0, int rows = -1)
    {
        rows = rows < 0 ? w.GetLength(0) : rows;
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double s = b is null ? 0 : b[0, rowOffset + r];
            for (int c = 0; c < x.Length; c++)
                s += w[rowOffset + r, c] * x[c];
            y[r] = s;
        }
        return y;
    }

    public static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    public static double[] Relu(double[] x) => x.Select(v => Math.Max(0, v)).ToArray();

    public static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    public static double[] Scale(double[] a, double s) => a.Select(x => x * s).ToArray();

    public static double[][] Rows(Tensor h)
    {
        var v = NetTestData.Values(h);
        int n = (int)h.shape[0], d = (int)h.shape[1];
        return Enumerable.Range(0, n).Select(i => v.AsSpan(i * d, d).ToArray().Select(x => (double)x).ToArray()).ToArray();
    }

    /// <summary>Spec §2.2 on one conversation's graph, nodes shifted by <paramref name="offset"/>.</summary>
    public static double[][] SpeakerLayer(nn.Module layer, double[][] h, SpeakerRelationGraph graph, int offset)
    {
        var we = Weight(layer, "attention.weight");
        var wr = Weight(layer, "relational.weight");
        var w0 = Weight(layer, "root.weight");
        var b0 = Weight(layer, "root.bias");
        var w1 = Weight(layer, "neighbour.weight");
        var w2 = Weight(layer, "selfLoop.weight");
        var b2 = Weight(layer, "selfLoop.bias");
        int d = h[0].Length, n = graph.NodeCount;
        var g = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var hi = h[offset + i];
            var q = Apply(we, hi);
            var range = Enumerable.Range(graph.RowPtr[i], graph.RowPtr[i + 1] - graph.RowPtr[i]).ToArray();
            var scores = range.Select(e => Dot(q, h[offset + graph.Neighbour[e]])).ToArray();
            double max = scores.Max();
            var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
            double sum = exp.Sum();
            var acc = Apply(w0, hi, b0);
            for (int k = 0; k < range.Length; k++)
            {
                int e = range[k], r = graph.Relation[e];
                double alpha = exp[k] / sum;
                double norm = graph.RelationCounts[i * SpeakerRelationGraph.RelationTypeCount + r];
                var message = Apply(wr, h[offset + graph.Neighbour[e]], null, r * d, d);
                acc = Add(acc, Scale(message, alpha / norm));
            }
            g[i] = Relu(acc);
        }
        var s2 = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var total = new double[d];
            for (int e = graph.RowPtr[i]; e < graph.RowPtr[i + 1]; e++)
                total = Add(total, g[graph.Neighbour[e]]);
            s2[i] = Relu(Add(Apply(w1, total), Apply(w2, g[i], b2)));
        }
        return s2;
    }

    /// <summary>Spec §2.4 (evaluation, Π̃ = Π) on one conversation's Π, nodes shifted by <paramref name="offset"/>.</summary>
    public static double[][] RelationAware(nn.Module op, double[][] h, SparseRows pi, int offset, int heads)
    {
        var wq = Weight(op, "query.weight");
        var wk = Weight(op, "key.weight");
        var wv = Weight(op, "value.weight");
        var wz = Weight(op, "output.weight");
        var bz = Weight(op, "output.bias");
        int d = h[0].Length, dr = d / heads, n = pi.NodeCount;
        var z = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var q = Apply(wq, h[offset + i]);
            var attended = new double[d];
            var entries = Enumerable.Range(pi.RowPtr[i], pi.RowPtr[i + 1] - pi.RowPtr[i]).Where(e => pi.Weight[e] > 0).ToArray();
            for (int hd = 0; hd < heads; hd++)
            {
                var logits = entries.Select(e =>
                {
                    var k = Apply(wk, h[offset + pi.Column[e]]);
                    double dot = 0;
                    for (int a = hd * dr; a < (hd + 1) * dr; a++)
                        dot += q[a] * k[a];
                    return dot / Math.Sqrt(dr) + Math.Log(pi.Weight[e]);
                }).ToArray();
                double max = logits.Max();
                var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
                double sum = exp.Sum();
                for (int k = 0; k < entries.Length; k++)
                {
                    var v = Apply(wv, h[offset + pi.Column[entries[k]]]);
                    for (int a = hd * dr; a < (hd + 1) * dr; a++)
                        attended[a] += exp[k] / sum * v[a];
                }
            }
            z[i] = Relu(Apply(wz, h[offset + i].Concat(attended).ToArray(), bz));
        }
        return z;
    }
}
