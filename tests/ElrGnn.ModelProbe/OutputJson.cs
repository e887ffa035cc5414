using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.ModelProbe;

/// <summary>
/// Writes chosen columns of a view as <c>{"rows":[{column: value, ...}, ...]}</c>. Floats are written in their
/// shortest round-trip form, so a reader gets back the exact values. Keys are written as their raw uint.
/// </summary>
internal static class OutputJson
{
    /// <summary>Writes the rows of <paramref name="data"/> (columns in the given order) to <paramref name="output"/>.</summary>
    public static void Write(IDataView data, IReadOnlyList<string> columnNames, Stream output)
    {
        var columns = columnNames
            .Select(name => data.Schema.GetColumnOrNull(name) ?? throw new ArgumentException($"output column '{name}' not found"))
            .ToArray();
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        using var cursor = data.GetRowCursor(columns);
        var writers = columns.Select(c => MakeWriter(cursor, c)).ToArray();
        writer.WriteStartObject();
        writer.WriteStartArray("rows");
        while (cursor.MoveNext())
        {
            writer.WriteStartObject();
            for (var i = 0; i < columns.Length; i++)
            {
                writer.WritePropertyName(columns[i].Name);
                writers[i](writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Action<Utf8JsonWriter> MakeWriter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var itemType = column.Type is VectorDataViewType v ? v.ItemType : column.Type;
        Action<Utf8JsonWriter, object> item = itemType.RawType switch
        {
            var t when t == typeof(float) => (w, x) => w.WriteNumberValue((float)x),
            var t when t == typeof(double) => (w, x) => w.WriteNumberValue((double)x),
            var t when t == typeof(int) => (w, x) => w.WriteNumberValue((int)x),
            var t when t == typeof(long) => (w, x) => w.WriteNumberValue((long)x),
            var t when t == typeof(uint) => (w, x) => w.WriteNumberValue((uint)x),
            var t when t == typeof(bool) => (w, x) => w.WriteBooleanValue((bool)x),
            var t when t == typeof(ReadOnlyMemory<char>) => (w, x) => w.WriteStringValue(((ReadOnlyMemory<char>)x).Span),
            _ => throw new NotSupportedException($"the probe cannot print column '{column.Name}' of type {column.Type}"),
        };
        var method = typeof(OutputJson).GetMethod(column.Type is VectorDataViewType ? nameof(VectorWriter) : nameof(ScalarWriter),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (Action<Utf8JsonWriter>)method.MakeGenericMethod(itemType.RawType).Invoke(null, [cursor, column, item])!;
    }

    private static Action<Utf8JsonWriter> ScalarWriter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Action<Utf8JsonWriter, object> item)
    {
        var getter = cursor.GetGetter<T>(column);
        return w =>
        {
            T value = default!;
            getter(ref value);
            item(w, value!);
        };
    }

    private static Action<Utf8JsonWriter> VectorWriter<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Action<Utf8JsonWriter, object> item)
    {
        var getter = cursor.GetGetter<VBuffer<T>>(column);
        var buffer = default(VBuffer<T>);
        return w =>
        {
            getter(ref buffer);
            w.WriteStartArray();
            foreach (var value in buffer.DenseValues())
                item(w, value!);
            w.WriteEndArray();
        };
    }
}
