using System.Globalization;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.ModelProbe;

/// <summary>
/// Turns parsed input rows into an <see cref="IDataView"/> with the model's saved input schema: every visible
/// input column, typed and annotated as at training time, built on the library's <see cref="AppendedColumnsDataView"/>.
/// </summary>
internal static class InputDataView
{
    /// <summary>Builds the view; a column absent from a row gets the type's default (empty text, zeros).</summary>
    public static IDataView Create(MLContext mlContext, DataViewSchema inputSchema, IReadOnlyList<Dictionary<string, string[]>> rows)
    {
        var columns = inputSchema.Where(c => !c.IsHidden).ToArray();
        var definitions = columns.Select(c => AppendedColumnDefinition.Custom(c.Name, c.Type, c.Annotations)).ToArray();
        var values = columns.Select(c => Parse(c, rows)).ToArray();
        var rowIndices = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, rows.Count).Select(i => new RowIndex { Index = i }));
        return new AppendedColumnsDataView(rowIndices, definitions, () => values);
    }

    private static AppendedColumnValues Parse(DataViewSchema.Column column, IReadOnlyList<Dictionary<string, string[]>> rows)
    {
        string[]? Cell(int row) => rows[row].TryGetValue(column.Name, out var items) ? items : null;
        return column.Type switch
        {
            TextDataViewType => AppendedColumnValues.Texts(rows.Select((_, i) => Cell(i) is { } items ? string.Join(" ", items) : "").ToArray()),
            VectorDataViewType v => v.ItemType.RawType switch
            {
                var t when t == typeof(float) => AppendedColumnValues.Vectors(Vectors(rows.Count, Cell, v.Size, float.Parse)),
                var t when t == typeof(double) => AppendedColumnValues.Vectors(Vectors(rows.Count, Cell, v.Size, double.Parse)),
                var t when t == typeof(int) => AppendedColumnValues.Vectors(Vectors(rows.Count, Cell, v.Size, int.Parse)),
                var t when t == typeof(long) => AppendedColumnValues.Vectors(Vectors(rows.Count, Cell, v.Size, long.Parse)),
                _ => throw Unsupported(column),
            },
            KeyDataViewType => throw Unsupported(column),
            var t when t.RawType == typeof(float) => AppendedColumnValues.Scalars(Scalars(rows.Count, Cell, float.Parse)),
            var t when t.RawType == typeof(double) => AppendedColumnValues.Scalars(Scalars(rows.Count, Cell, double.Parse)),
            var t when t.RawType == typeof(int) => AppendedColumnValues.Scalars(Scalars(rows.Count, Cell, int.Parse)),
            var t when t.RawType == typeof(long) => AppendedColumnValues.Scalars(Scalars(rows.Count, Cell, long.Parse)),
            var t when t.RawType == typeof(bool) => AppendedColumnValues.Scalars(Scalars(rows.Count, Cell, (s, _) => bool.Parse(s))),
            _ => throw Unsupported(column),
        };
    }

    private static T[] Scalars<T>(int count, Func<int, string[]?> cell, Func<string, IFormatProvider, T> parse)
        => Enumerable.Range(0, count).Select(i => cell(i) is [var s] && s.Length > 0 ? parse(s, CultureInfo.InvariantCulture) : default!).ToArray();

    private static T[][] Vectors<T>(int count, Func<int, string[]?> cell, int size, Func<string, IFormatProvider, T> parse)
        => Enumerable.Range(0, count).Select(i =>
        {
            var items = cell(i) switch
            {
                null => [],
                [var single] => single.Split([';', ' '], StringSplitOptions.RemoveEmptyEntries), // a CSV cell
                var many => many,
            };
            return items.Length == 0 && size > 0 ? new T[size] : items.Select(s => parse(s, CultureInfo.InvariantCulture)).ToArray();
        }).ToArray();

    private static NotSupportedException Unsupported(DataViewSchema.Column column)
        => new($"the probe cannot read input column '{column.Name}' of type {column.Type}");

    private sealed class RowIndex
    {
        public int Index { get; set; }
    }
}
