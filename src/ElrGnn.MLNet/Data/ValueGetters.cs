using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Typed getters that convert the many raw types an <see cref="IDataView"/> column may have
/// (integers of every width, float, double, keys, text) into the few the reader works with.
/// </summary>
internal static class ValueGetters
{
    /// <summary>True for the integer number types (sbyte … ulong); keys excluded.</summary>
    public static bool IsInteger(DataViewType type) =>
        type is NumberDataViewType && type.RawType != typeof(float) && type.RawType != typeof(double);

    /// <summary>True for float and double number types.</summary>
    public static bool IsFloating(DataViewType type) =>
        type is NumberDataViewType && (type.RawType == typeof(float) || type.RawType == typeof(double));

    /// <summary>Any number column as double (exact for every integer up to 2^53).</summary>
    public static Func<double> AsDouble(DataViewRow row, DataViewSchema.Column column)
    {
        Type t = column.Type.RawType;
        if (t == typeof(float)) return Wrap<float, double>(row, column, v => v);
        if (t == typeof(double)) return Wrap<double, double>(row, column, v => v);
        if (t == typeof(sbyte)) return Wrap<sbyte, double>(row, column, v => v);
        if (t == typeof(byte)) return Wrap<byte, double>(row, column, v => v);
        if (t == typeof(short)) return Wrap<short, double>(row, column, v => v);
        if (t == typeof(ushort)) return Wrap<ushort, double>(row, column, v => v);
        if (t == typeof(int)) return Wrap<int, double>(row, column, v => v);
        if (t == typeof(uint)) return Wrap<uint, double>(row, column, v => v);
        if (t == typeof(long)) return Wrap<long, double>(row, column, v => v);
        if (t == typeof(ulong)) return Wrap<ulong, double>(row, column, v => v);
        throw new NotSupportedException($"Column '{column.Name}' of type {column.Type} is not a number.");
    }

    /// <summary>An integer number column as invariant-culture text.</summary>
    public static Func<string> IntegerAsText(DataViewRow row, DataViewSchema.Column column)
    {
        Type t = column.Type.RawType;
        if (t == typeof(long)) return Wrap<long, string>(row, column, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(ulong)) return Wrap<ulong, string>(row, column, v => v.ToString(CultureInfo.InvariantCulture));
        var asDouble = AsDouble(row, column); // every narrower integer is exact in a double
        return () => ((long)asDouble()).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A key column's raw value (0 = missing, k = the k-th key value).</summary>
    public static Func<ulong> KeyValue(DataViewRow row, DataViewSchema.Column column)
    {
        Type t = column.Type.RawType;
        if (t == typeof(uint)) return Wrap<uint, ulong>(row, column, v => v);
        if (t == typeof(ulong)) return Wrap<ulong, ulong>(row, column, v => v);
        if (t == typeof(ushort)) return Wrap<ushort, ulong>(row, column, v => v);
        if (t == typeof(byte)) return Wrap<byte, ulong>(row, column, v => v);
        throw new NotSupportedException($"Column '{column.Name}' of type {column.Type} is not a key.");
    }

    /// <summary>A text column; empty or all-white-space text comes back as null (missing).</summary>
    public static Func<string?> Text(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> value = default;
        return () =>
        {
            getter(ref value);
            return value.Span.IsWhiteSpace() ? null : value.ToString();
        };
    }

    /// <summary>
    /// The key value names of a key column (index k − 1 for key k), converted to text; null when
    /// the column has no key values annotation of a supported item type.
    /// </summary>
    public static string[]? KeyNames(DataViewSchema.Column column)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(KeyValuesKind);
        if (annotation is not { Type: VectorDataViewType { ItemType: var item } })
            return null;
        if (item is TextDataViewType) return Names<ReadOnlyMemory<char>>(column, v => v.ToString());
        if (item.RawType == typeof(int)) return Names<int>(column, v => v.ToString(CultureInfo.InvariantCulture));
        if (item.RawType == typeof(long)) return Names<long>(column, v => v.ToString(CultureInfo.InvariantCulture));
        if (item.RawType == typeof(uint)) return Names<uint>(column, v => v.ToString(CultureInfo.InvariantCulture));
        if (item.RawType == typeof(float)) return Names<float>(column, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (item.RawType == typeof(double)) return Names<double>(column, v => v.ToString("R", CultureInfo.InvariantCulture));
        return null;
    }

    // ML.NET's annotation kind name for key values (AnnotationUtils.Kinds.KeyValues is internal).
    private const string KeyValuesKind = "KeyValues";

    private static string[] Names<T>(DataViewSchema.Column column, Func<T, string> convert)
    {
        VBuffer<T> buffer = default;
        column.GetKeyValues(ref buffer);
        return buffer.DenseValues().Select(convert).ToArray();
    }

    private static Func<TOut> Wrap<TIn, TOut>(DataViewRow row, DataViewSchema.Column column, Func<TIn, TOut> convert)
    {
        var getter = row.GetGetter<TIn>(column);
        TIn value = default!;
        return () =>
        {
            getter(ref value);
            return convert(value);
        };
    }
}
