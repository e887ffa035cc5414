using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Reads a column that names something (conversation id, speaker) as text: text columns as they
/// are, integers in invariant culture, keys by their key value name (or key − 1 without names).
/// </summary>
internal sealed class NameColumnReader
{
    private readonly Func<string?> _read;

    private NameColumnReader(Func<string?> read) => _read = read;

    /// <summary>The accepted types, for error messages.</summary>
    public const string Expected = "text, an integer or a key";

    /// <summary>True when <paramref name="type"/> can be read as a name.</summary>
    public static bool Supports(DataViewType type) =>
        type is TextDataViewType || type is KeyDataViewType || ValueGetters.IsInteger(type);

    /// <summary>The schema-shape form of <see cref="Supports(DataViewType)"/> (scalar text, integer or key).</summary>
    public static bool Supports(SchemaShape.Column column) =>
        column.Kind == SchemaShape.Column.VectorKind.Scalar
        && (column.IsKey || column.ItemType is TextDataViewType || ValueGetters.IsInteger(column.ItemType));

    /// <summary>Creates a reader bound to <paramref name="row"/>.</summary>
    public static NameColumnReader Create(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is TextDataViewType)
            return new NameColumnReader(ValueGetters.Text(row, column));
        if (column.Type is KeyDataViewType)
        {
            var key = ValueGetters.KeyValue(row, column);
            string[]? names = ValueGetters.KeyNames(column);
            return new NameColumnReader(() =>
            {
                ulong k = key();
                if (k == 0) return null; // key 0 = missing value
                if (names is not null && k <= (ulong)names.Length) return names[k - 1];
                return (k - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            });
        }
        var integer = ValueGetters.IntegerAsText(row, column);
        return new NameColumnReader(() => integer());
    }

    /// <summary>The current row's name; null when missing (empty text or key 0).</summary>
    public string? Read() => _read();
}
