namespace ElrGnn.MLNet.Data;

/// <summary>
/// Maps class names to 0-based class indices and back. Index i is the i-th name of
/// <see cref="Names"/>; names are compared ordinally (case-sensitive).
/// </summary>
public sealed class LabelMap
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a map from class names in class-index order.</summary>
    /// <param name="names">Class names; each non-empty and unique. May be empty (no labels).</param>
    /// <exception cref="ArgumentException">A name is null/empty or appears twice.</exception>
    public LabelMap(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = names.ToArray();
        _index = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (int i = 0; i < _names.Length; i++)
        {
            if (string.IsNullOrEmpty(_names[i]))
                throw new ArgumentException($"Label name at index {i} is empty.", nameof(names));
            if (!_index.TryAdd(_names[i], i))
                throw new ArgumentException($"Label name '{_names[i]}' appears more than once.", nameof(names));
        }
    }

    /// <summary>A map with no classes (data without labels).</summary>
    public static LabelMap Empty { get; } = new LabelMap([]);

    /// <summary>Class names; index = class index.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Number of classes.</summary>
    public int Count => _names.Length;

    /// <summary>The name of class <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public string this[int index] => _names[index];

    /// <summary>The class index of <paramref name="name"/>, or -1 when it is not a known class.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out int i) ? i : -1;
    }

    /// <summary>Looks up the class index of <paramref name="name"/>; false when it is not a known class.</summary>
    public bool TryGetIndex(string name, out int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out index);
    }

    /// <inheritdoc />
    public override string ToString() => $"LabelMap[{string.Join(", ", _names)}]";
}
