using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// The schema side of a column a transformer appends: name, type and annotations (slot names, key values).
/// The values come separately, as <see cref="AppendedColumnValues"/>.
/// </summary>
internal sealed class AppendedColumnDefinition
{
    /// <summary>ML.NET's annotation kind for the names of a vector's slots.</summary>
    public const string SlotNamesKind = "SlotNames";

    /// <summary>ML.NET's annotation kind for the text of a key column's values.</summary>
    public const string KeyValuesKind = "KeyValues";

    private AppendedColumnDefinition(string name, DataViewType type, DataViewSchema.Annotations annotations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
        Annotations = annotations;
    }

    /// <summary>The column name; an input column of the same name is hidden, as ML.NET transforms do.</summary>
    public string Name { get; }

    /// <summary>The column type.</summary>
    public DataViewType Type { get; }

    /// <summary>The column annotations (empty when none).</summary>
    public DataViewSchema.Annotations Annotations { get; }

    /// <summary>A scalar column: a number, <see cref="TextDataViewType"/> or <see cref="BooleanDataViewType"/>.</summary>
    public static AppendedColumnDefinition Scalar(string name, PrimitiveDataViewType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type is KeyDataViewType)
            throw new ArgumentException("Use Key(...) for key columns.", nameof(type));
        return new(name, type, DataViewSchema.Annotations.Empty);
    }

    /// <summary>
    /// A fixed-size vector column (e.g. <c>Score</c>), optionally with slot names (one per slot, e.g. the class names).
    /// </summary>
    public static AppendedColumnDefinition Vector(string name, PrimitiveDataViewType itemType, int size, IReadOnlyList<string>? slotNames = null)
    {
        ArgumentNullException.ThrowIfNull(itemType);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (slotNames is not null && slotNames.Count != size)
            throw new ArgumentException($"{slotNames.Count} slot names for a vector of size {size}.", nameof(slotNames));
        var annotations = slotNames is null ? DataViewSchema.Annotations.Empty : TextVectorAnnotation(SlotNamesKind, slotNames);
        return new(name, new VectorDataViewType(itemType, size), annotations);
    }

    /// <summary>A vector column whose length varies per row (e.g. a row's kept neighbours).</summary>
    public static AppendedColumnDefinition VariableVector(string name, PrimitiveDataViewType itemType)
    {
        ArgumentNullException.ThrowIfNull(itemType);
        return new(name, new VectorDataViewType(itemType), DataViewSchema.Annotations.Empty);
    }

    /// <summary>
    /// A <see cref="uint"/> key column (e.g. <c>PredictedLabel</c>) whose values are shown as
    /// <paramref name="keyValues"/>, so <c>MapKeyToValue</c> and <c>Evaluate</c> see the label names.
    /// </summary>
    public static AppendedColumnDefinition Key(string name, IReadOnlyList<string> keyValues)
    {
        ArgumentNullException.ThrowIfNull(keyValues);
        ArgumentOutOfRangeException.ThrowIfLessThan(keyValues.Count, 1, nameof(keyValues));
        return new(name, new KeyDataViewType(typeof(uint), keyValues.Count), TextVectorAnnotation(KeyValuesKind, keyValues));
    }

    /// <summary>Any other column type, with caller-built annotations.</summary>
    public static AppendedColumnDefinition Custom(string name, DataViewType type, DataViewSchema.Annotations? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(name, type, annotations ?? DataViewSchema.Annotations.Empty);
    }

    private static DataViewSchema.Annotations TextVectorAnnotation(string kind, IReadOnlyList<string> values)
    {
        var copy = values.Select(v => (v ?? throw new ArgumentException("Null names are not allowed.", nameof(values))).AsMemory()).ToArray();
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter = (ref VBuffer<ReadOnlyMemory<char>> dst) =>
        {
            var editor = VBufferEditor.Create(ref dst, copy.Length);
            copy.CopyTo(editor.Values);
            dst = editor.Commit();
        };
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(kind, new VectorDataViewType(TextDataViewType.Instance, copy.Length), getter);
        return builder.ToAnnotations();
    }
}
