using static ElrGnn.MLNet.Data.Pickle.CommunityValueReader;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Turns an unpickled community feature file into dialogues and splits, checking the layout as it goes:
/// every per-dialogue dict has the same keys, every per-dialogue list has one entry per utterance, and
/// every feature element has one vector size. Errors name the element, dialogue and turn.
/// </summary>
internal sealed class CommunityFeatureParser
{
    private readonly IReadOnlyList<object?> _elements;
    private readonly CommunityLayoutSpec _spec;
    private readonly CommunityFeatureOptions _options;
    private readonly Dictionary<int, Dictionary<object, object?>> _dicts = [];
    private readonly Dictionary<int, int> _sizes = [];

    private CommunityFeatureParser(IReadOnlyList<object?> elements, CommunityLayoutSpec spec, CommunityFeatureOptions options)
    {
        _elements = elements;
        _spec = spec;
        _options = options;
    }

    public static CommunityFeatureFile Parse(object? root, CommunityFeatureOptions options)
    {
        var elements = Elements(root);
        var spec = options.Layout is { } layout ? CommunityLayoutSpec.For(layout) : CommunityLayoutSpec.Detect(elements);
        if (elements.Count != spec.Count)
            throw new ConversationDataException($"Layout {spec.Layout} has {spec.Count} elements ({string.Join(", ", spec.Names)}) but the file has {elements.Count}.");
        return new CommunityFeatureParser(elements, spec, options).Run();
    }

    /// <summary>The unpickled top level's elements; anything but a list or tuple is an unknown layout.</summary>
    public static IReadOnlyList<object?> Elements(object? root) => root is List<object?> or object?[]
        ? (IReadOnlyList<object?>)root
        : throw new ConversationDataException($"Unknown community feature file layout: the top level is a {PickleValues.Describe(root)}, expected a list or tuple.");

    private CommunityFeatureFile Run()
    {
        foreach (int i in _spec.DictElements)
            _dicts[i] = _elements[i] as Dictionary<object, object?>
                ?? throw Error($"expected a dict keyed by dialogue id, got {PickleValues.Describe(_elements[i])}.", _spec.Describe(i));
        var reference = _dicts[_spec.Speakers];
        foreach (var (i, dict) in _dicts)
        {
            foreach (var key in reference.Keys)
                if (!dict.ContainsKey(key))
                    throw Error($"dialogue is missing here but present in {_spec.Describe(_spec.Speakers)}.", _spec.Describe(i), DialogueId(key));
            if (dict.Count != reference.Count)
                throw Error($"has {dict.Count} dialogues but {_spec.Describe(_spec.Speakers)} has {reference.Count}.", _spec.Describe(i),
                    DialogueId(dict.Keys.First(k => !reference.ContainsKey(k))));
        }

        var dialogues = new List<CommunityDialogue>(reference.Count);
        var byId = new Dictionary<string, CommunityDialogue>(StringComparer.Ordinal);
        foreach (var key in reference.Keys)
        {
            string id = DialogueId(key)
                ?? throw Error($"dialogue keys must be str or int, got {PickleValues.Describe(key)}.", _spec.Describe(_spec.Speakers));
            var dialogue = ReadDialogue(key, id);
            if (!byId.TryAdd(id, dialogue))
                throw Error("two dialogue keys have the same id (a str and an int key?).", _spec.Describe(_spec.Speakers), id);
            dialogues.Add(dialogue);
        }

        var (train, valid, test) = ReadSplits(byId);
        return new CommunityFeatureFile(_spec.Layout, dialogues, train, valid, test, _spec.LabelNames,
            Size(_spec.Roberta is null ? _spec.Text : _spec.Roberta[0], _options.RobertaText == RobertaTextMode.Concatenate ? 4 : 1),
            Size(_spec.Audio, 1), Size(_spec.Visual, 1));
    }

    private CommunityDialogue ReadDialogue(object key, string id)
    {
        int n = Utterances(_spec.Speakers, key, id, -1).Count;
        string column = _spec.Describe(_spec.Speakers);
        var speakers = Map(Utterances(_spec.Speakers, key, id, n), (v, t) => Speaker(v, _spec.IsMeld, column, id, t));
        string labelColumn = _spec.Describe(_spec.Labels);
        int classes = _spec.LabelNames.Count;
        var labels = Map(Utterances(_spec.Labels, key, id, n), (v, t) => Label(v, classes, labelColumn, id, t));
        var dialogue = new CommunityDialogue(id, speakers, labels);
        if (_spec.Sentiment is int s)
            dialogue.SentimentLabels = Map(Utterances(s, key, id, n), (v, t) => Int(v, _spec.Describe(s), id, t));
        if (_spec.Ids is int u)
            dialogue.UtteranceIds = Map(Utterances(u, key, id, n), (v, t) => Text(v, _spec.Describe(u), id, t));
        dialogue.Sentences = Map(Utterances(_spec.Sentences, key, id, n), (v, t) => Text(v, _spec.Describe(_spec.Sentences), id, t));
        dialogue.Text = _spec.Roberta is { } roberta ? Roberta(roberta, key, id, n) : Vectors(_spec.Text, key, id, n);
        dialogue.Audio = Vectors(_spec.Audio, key, id, n);
        dialogue.Visual = Vectors(_spec.Visual, key, id, n);
        return dialogue;
    }

    /// <summary>The per-dialogue list of element <paramref name="index"/>; its length must be <paramref name="n"/> (unless -1).</summary>
    private IReadOnlyList<object?> Utterances(int index, object key, string id, int n)
    {
        var value = _dicts[index][key];
        if (value is not (List<object?> or object?[]))
            throw Error($"expected a list with one entry per utterance, got {PickleValues.Describe(value)}.", _spec.Describe(index), id);
        var list = (IReadOnlyList<object?>)value;
        if (n >= 0 && list.Count != n)
            throw Error($"has {list.Count} entries but {_spec.Describe(_spec.Speakers)} has {n} utterances.", _spec.Describe(index), id);
        return list;
    }

    private float[][]? Vectors(int? index, object key, string id, int n)
    {
        if (index is not int i)
            return null;
        string column = _spec.Describe(i);
        return Map(Utterances(i, key, id, n), (v, t) => Checked(i, Vector(v, column, id, t), id, t));
    }

    private float[][] Roberta(int[] layers, object key, string id, int n)
    {
        var parts = layers.Select(i => Vectors(i, key, id, n)!).ToArray();
        var result = new float[n][];
        for (int t = 0; t < n; t++)
        {
            result[t] = _options.RobertaText switch
            {
                RobertaTextMode.LastLayer => parts[0][t],
                RobertaTextMode.Concatenate => [.. parts[0][t], .. parts[1][t], .. parts[2][t], .. parts[3][t]],
                _ => Average(parts, t),
            };
        }
        return result;
    }

    private static float[] Average(float[][][] parts, int t)
    {
        var mean = new float[parts[0][t].Length];
        for (int k = 0; k < mean.Length; k++)
            mean[k] = (parts[0][t][k] + parts[1][t][k] + parts[2][t][k] + parts[3][t][k]) / 4f;
        return mean;
    }

    /// <summary>Every vector of one element must have the element's first size (and at least one value).</summary>
    private float[] Checked(int index, float[] vector, string id, int turn)
    {
        if (!_sizes.TryGetValue(index, out int size))
        {
            if (vector.Length == 0)
                throw Error("feature vectors must not be empty.", _spec.Describe(index), id, turn);
            _sizes[index] = vector.Length;
        }
        else if (vector.Length != size)
        {
            throw Error($"feature vector has {vector.Length} values but earlier vectors of this element have {size}.", _spec.Describe(index), id, turn);
        }
        return vector;
    }

    private int Size(int? index, int factor) =>
        index is int i && _sizes.TryGetValue(i, out int size) ? size * factor : 0;

    private (List<string> Train, List<string> Valid, List<string> Test) ReadSplits(Dictionary<string, CommunityDialogue> byId)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var train = SplitIds(_spec.Train, byId, seen);
        var test = SplitIds(_spec.Test, byId, seen);
        List<string> valid;
        if (_spec.Valid is int v)
        {
            valid = SplitIds(v, byId, seen);
        }
        else if (_spec.IsMeld && _options.MeldDevAsValidation)
        {
            valid = train.Where(IsMeldDevId).ToList();
            train = train.Where(id => !IsMeldDevId(id)).ToList();
        }
        else
        {
            int count = (int)Math.Floor(_options.ValidFraction * train.Count); // Python int(valid * size)
            valid = train.GetRange(0, count);
            train = train.GetRange(count, train.Count - count);
        }
        return (train, valid, test);
    }

    private List<string> SplitIds(int index, Dictionary<string, CommunityDialogue> byId, Dictionary<string, string> seen)
    {
        string column = _spec.Describe(index);
        if (_elements[index] is not (List<object?> or object?[]))
            throw Error($"expected a list of dialogue ids, got {PickleValues.Describe(_elements[index])}.", column);
        var ids = new List<string>();
        foreach (var entry in (IReadOnlyList<object?>)_elements[index]!)
        {
            string id = DialogueId(entry) ?? throw Error($"dialogue ids must be str or int, got {PickleValues.Describe(entry)}.", column);
            if (!byId.ContainsKey(id))
                throw Error("the split lists a dialogue that the per-dialogue dicts do not have.", column, id);
            if (!seen.TryAdd(id, column))
                throw Error($"the dialogue is listed twice (also in {seen[id]}).", column, id);
            ids.Add(id);
        }
        return ids;
    }

    // MELD pickles number dev dialogues 1039 + Dialogue_ID (0..113).
    private static bool IsMeldDevId(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long key) && key is >= 1039 and <= 1152;

    private static T[] Map<T>(IReadOnlyList<object?> values, Func<object?, int, T> convert)
    {
        var result = new T[values.Count];
        for (int t = 0; t < result.Length; t++)
            result[t] = convert(values[t], t);
        return result;
    }
}
