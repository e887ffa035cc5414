using System.Globalization;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Converts one unpickled per-utterance value (speaker, label, sentence, feature vector) and reports a
/// <see cref="ConversationDataException"/> naming the element, dialogue and turn when it does not fit.
/// </summary>
internal static class CommunityValueReader
{
    /// <summary>A dict key or split-list entry as a dialogue id: str as is, int as its decimal string.</summary>
    public static string? DialogueId(object? key) => key switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>IEMOCAP: a non-empty str ('M'/'F'). MELD: a one-hot vector → "speaker&lt;k&gt;".</summary>
    public static string Speaker(object? value, bool isMeld, string column, string dialogue, int turn)
    {
        if (!isMeld)
        {
            if (value is string { Length: > 0 } s)
                return s;
            throw Error($"expected an IEMOCAP speaker string ('M'/'F'), got {PickleValues.Describe(value)}.", column, dialogue, turn);
        }
        var items = Numbers(value);
        if (items is null)
            throw Error($"expected a MELD one-hot speaker vector, got {PickleValues.Describe(value)}.", column, dialogue, turn);
        int hot = -1;
        for (int k = 0; k < items.Length; k++)
        {
            if (items[k] == 0)
                continue;
            if (items[k] != 1 || hot >= 0)
                throw Error("the speaker vector is not one-hot (exactly one 1, the rest 0).", column, dialogue, turn);
            hot = k;
        }
        if (hot < 0)
            throw Error("the speaker vector is all zeros; expected one-hot.", column, dialogue, turn);
        return "speaker" + hot.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An integer class index in [0, classes).</summary>
    public static int Label(object? value, int classes, string column, string dialogue, int turn)
    {
        int label = Int(value, column, dialogue, turn);
        if (label < 0 || label >= classes)
            throw Error($"label {label} is outside the dataset's {classes} classes [0, {classes - 1}].", column, dialogue, turn);
        return label;
    }

    /// <summary>An integer that fits in int32 (float values must be whole numbers).</summary>
    public static int Int(object? value, string column, string dialogue, int turn) => value switch
    {
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        _ => throw Error($"expected an integer, got {PickleValues.Describe(value)}{(value is long or double ? $" {value}" : "")}.", column, dialogue, turn),
    };

    /// <summary>A str (sentences, IEMOCAP utterance ids) or an int rendered in decimal (MELD utterance ids).</summary>
    public static string Text(object? value, string column, string dialogue, int turn) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => throw Error($"expected a string, got {PickleValues.Describe(value)}.", column, dialogue, turn),
    };

    /// <summary>A 1-D numpy float array or a list of numbers, as float32.</summary>
    public static float[] Vector(object? value, string column, string dialogue, int turn)
    {
        if (value is NumpyArray array)
        {
            if (array.Shape.Count != 1)
                throw Error($"expected a 1-D feature vector, got a numpy array of shape ({string.Join(", ", array.Shape)}).", column, dialogue, turn);
            return array.ToSingleArray();
        }
        var numbers = Numbers(value)
            ?? throw Error($"expected a feature vector (numpy array or list of numbers), got {PickleValues.Describe(value)}.", column, dialogue, turn);
        var result = new float[numbers.Length];
        for (int k = 0; k < numbers.Length; k++)
            result[k] = (float)numbers[k];
        return result;
    }

    /// <summary>The error every check reports: bad data with element, dialogue and turn.</summary>
    public static ConversationDataException Error(string message, string column, string? dialogue = null, int? turn = null) =>
        new(message, column, dialogue, turn);

    // List/tuple of int/float/bool, or a 1-D numpy array, as doubles; null for anything else.
    private static double[]? Numbers(object? value)
    {
        if (value is NumpyArray { Shape.Count: 1 } array)
            return array.ToDoubleArray();
        if (value is not IReadOnlyList<object?> items || value is not (List<object?> or object?[]))
            return null;
        var result = new double[items.Count];
        for (int k = 0; k < items.Count; k++)
        {
            switch (items[k])
            {
                case long l: result[k] = l; break;
                case double d: result[k] = d; break;
                case bool b: result[k] = b ? 1 : 0; break;
                default: return null;
            }
        }
        return result;
    }
}
