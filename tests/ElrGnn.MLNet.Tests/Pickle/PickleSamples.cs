using System.Text.Json;
using ElrGnn.MLNet.Data.Pickle;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>The shared synthetic sample pickles and their expected.json descriptions (read at run time).</summary>
internal static class PickleSamples
{
    public const string Iemocap = "iemocap_like_small";
    public const string IemocapPy2 = "iemocap_like_small_py2style";
    public const string Meld = "meld_like_small";

    public static string PicklePath(string sample) => TestPaths.Shared("samples", sample + ".pkl");

    public static byte[] Bytes(string sample) => File.ReadAllBytes(PicklePath(sample));

    public static JsonDocument Expected(string sample) =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Shared("samples", sample + ".expected.json")));

    public static List<object?> Load(string sample) =>
        (List<object?>)new SafeUnpickler().Load(Bytes(sample))!;

    /// <summary>numpy's float64 add.reduce: 0.0 + pairwise sum (8-way unrolled blocks of up to 128).</summary>
    public static double NumpySum(double[] a) => 0.0 + Pairwise(a, 0, a.Length);

    private static double Pairwise(double[] a, int start, int n)
    {
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++)
                res += a[start + i];
            return res;
        }
        if (n <= 128)
        {
            var r = new double[8];
            for (int j = 0; j < 8; j++)
                r[j] = a[start + j];
            int i = 8;
            for (; i < n - (n % 8); i += 8)
                for (int j = 0; j < 8; j++)
                    r[j] += a[start + i + j];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
                res += a[start + i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return Pairwise(a, start, half) + Pairwise(a, start + half, n - half);
    }
}
