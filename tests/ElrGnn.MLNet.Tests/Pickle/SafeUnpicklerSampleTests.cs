using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using ElrGnn.MLNet.Data.Pickle;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>The three shared sample pickles decode to exactly what their expected.json describes.</summary>
[TestClass]
public sealed class SafeUnpicklerSampleTests
{
    [TestMethod]
    [DataRow(PickleSamples.Iemocap)]
    [DataRow(PickleSamples.IemocapPy2)]
    [DataRow(PickleSamples.Meld)]
    public void Load_Sample_ElementsTypesAndKeysMatchExpected(string sample)
    {
        var root = PickleSamples.Load(sample);
        using var expected = PickleSamples.Expected(sample);
        var top = expected.RootElement;
        Assert.AreEqual("list", top.GetProperty("top_level_type").GetString());
        Assert.AreEqual(top.GetProperty("length").GetInt32(), root.Count);
        foreach (var element in top.GetProperty("elements").EnumerateArray())
        {
            var actual = root[element.GetProperty("index").GetInt32()];
            string type = element.GetProperty("type").GetString()!;
            Assert.AreEqual(type, Kind(actual));
            if (element.TryGetProperty("keys_in_order", out var keys))
                CollectionAssert.AreEqual(keys.EnumerateArray().Select(Key).ToList(), ((Dictionary<object, object?>)actual!).Keys.ToList());
            if (element.TryGetProperty("values", out var values))
                AssertSame(values, actual, element.GetProperty("name").GetString()!);
        }
    }

    [TestMethod]
    [DataRow(PickleSamples.Iemocap)]
    [DataRow(PickleSamples.IemocapPy2)]
    [DataRow(PickleSamples.Meld)]
    public void Load_Sample_EveryFeatureVectorHasExpectedDtypeShapeAndCount(string sample)
    {
        var root = PickleSamples.Load(sample);
        using var expected = PickleSamples.Expected(sample);
        int checkedVectors = 0;
        foreach (var element in expected.RootElement.GetProperty("elements").EnumerateArray())
        {
            if (!element.TryGetProperty("utterances_per_key", out var counts))
                continue;
            var dict = (Dictionary<object, object?>)root[element.GetProperty("index").GetInt32()]!;
            string dtype = element.GetProperty("dtype").GetString()!;
            var shape = element.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()).ToList();
            foreach (var (key, value) in dict)
            {
                var list = (List<object?>)value!;
                Assert.AreEqual(counts.GetProperty(Convert.ToString(key, CultureInfo.InvariantCulture)!).GetInt32(), list.Count);
                foreach (var item in list)
                {
                    var array = (NumpyArray)item!;
                    Assert.AreEqual(dtype, array.Dtype);
                    CollectionAssert.AreEqual(shape, array.Shape.ToList());
                    Assert.AreEqual(dtype == "<f4", array.Float32Values is not null);
                    Assert.AreEqual(dtype == "<f8", array.Float64Values is not null);
                    checkedVectors++;
                }
            }
        }
        Assert.AreEqual(27, checkedVectors); // 3 feature elements × 9 utterances
    }

    [TestMethod]
    [DataRow(PickleSamples.Iemocap)]
    [DataRow(PickleSamples.IemocapPy2)]
    [DataRow(PickleSamples.Meld)]
    public void Load_Sample_FeatureValuesAreBitExact(string sample)
    {
        var root = PickleSamples.Load(sample);
        using var expected = PickleSamples.Expected(sample);
        var picks = expected.RootElement.GetProperty("expected_feature_values").EnumerateArray().ToList();
        Assert.HasCount(3, picks);
        foreach (var pick in picks)
        {
            var dict = (Dictionary<object, object?>)root[pick.GetProperty("element_index").GetInt32()]!;
            var array = (NumpyArray)((List<object?>)dict[Key(pick.GetProperty("dialogue"))]!)[pick.GetProperty("utterance").GetInt32()]!;
            string dtype = pick.GetProperty("dtype").GetString()!;
            Assert.AreEqual(dtype, array.Dtype);
            CollectionAssert.AreEqual(pick.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()).ToList(), array.Shape.ToList());
            var values = array.ToDoubleArray();
            var first5 = pick.GetProperty("first5").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var bits = pick.GetProperty("first5_bits").EnumerateArray().Select(v => v.GetString()!).ToArray();
            for (int i = 0; i < 5; i++)
            {
                Assert.AreEqual(first5[i], values[i], 0.0, $"value {i}");
                Assert.AreEqual(bits[i], Bits(array, i), $"bits {i}");
            }
            Assert.AreEqual(pick.GetProperty("last").GetDouble(), values[^1], 0.0);
            Assert.AreEqual(pick.GetProperty("last_bits").GetString(), Bits(array, values.Length - 1));
            Assert.AreEqual(pick.GetProperty("sum_float64").GetDouble(), PickleSamples.NumpySum(values), 0.0);
            byte[] raw = array.Float32Values is { } f ? MemoryMarshal.AsBytes(f.AsSpan()).ToArray() : MemoryMarshal.AsBytes(array.Float64Values.AsSpan()).ToArray();
            Assert.AreEqual(pick.GetProperty("raw_bytes_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(raw)));
        }
    }

    [TestMethod]
    [DataRow(PickleSamples.Iemocap)]
    [DataRow(PickleSamples.IemocapPy2)]
    [DataRow(PickleSamples.Meld)]
    public void Load_Sample_FileBytesMatchManifest(string sample)
    {
        using var expected = PickleSamples.Expected(sample);
        var bytes = PickleSamples.Bytes(sample);
        Assert.AreEqual(expected.RootElement.GetProperty("bytes").GetInt32(), bytes.Length);
        Assert.AreEqual(expected.RootElement.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [TestMethod]
    public void Load_Py2StyleNonAsciiSentence_DecodesUnicode()
    {
        var sentences = (Dictionary<object, object?>)PickleSamples.Load(PickleSamples.IemocapPy2)[6]!;
        Assert.AreEqual("Non-ASCII check: caf\u00e9 \u2019quoted\u2019 \u2014 done.", ((List<object?>)sentences["Ses02M_script01_1"]!)[1]);
    }

    private static string Kind(object? value) => value switch
    {
        Dictionary<object, object?> => "dict",
        List<object?> => "list",
        null => "None",
        _ => value.GetType().Name,
    };

    private static object Key(JsonElement key) =>
        key.ValueKind == JsonValueKind.Number ? key.GetInt64() : Key(key.GetString()!);

    /// <summary>JSON object keys are strings; MELD's int keys are ints in the pickle.</summary>
    private static object Key(string name) =>
        long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out long l) ? l : name;

    private static void AssertSame(JsonElement expected, object? actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = actual as Dictionary<object, object?> ?? throw new AssertFailedException($"{path}: expected a dict");
                var names = expected.EnumerateObject().ToList();
                Assert.HasCount(names.Count, dict, path);
                foreach (var p in names)
                    AssertSame(p.Value, dict[Key(p.Name)], $"{path}[{p.Name}]");
                break;
            case JsonValueKind.Array:
                var list = actual as List<object?> ?? throw new AssertFailedException($"{path}: expected a list");
                var items = expected.EnumerateArray().ToList();
                Assert.HasCount(items.Count, list, path);
                for (int i = 0; i < items.Count; i++)
                    AssertSame(items[i], list[i], $"{path}[{i}]");
                break;
            case JsonValueKind.String:
                Assert.AreEqual(expected.GetString(), actual, path);
                break;
            case JsonValueKind.Number:
                Assert.AreEqual(expected.GetInt64(), actual, path);
                break;
            default:
                Assert.Fail($"{path}: unexpected JSON {expected.ValueKind}");
                break;
        }
    }

    private static string Bits(NumpyArray array, int index) =>
        array.Float32Values is { } f
            ? "0x" + BitConverter.SingleToUInt32Bits(f[index]).ToString("x8", CultureInfo.InvariantCulture)
            : "0x" + BitConverter.DoubleToUInt64Bits(array.Float64Values![index]).ToString("x16", CultureInfo.InvariantCulture);
}
