using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// The values of one appended column for a block of rows, row i holding the value of the i-th input row.
/// Create with the factories; the arrays are kept, not copied, so do not change them afterwards.
/// </summary>
internal abstract class AppendedColumnValues
{
    /// <summary>The number of rows.</summary>
    public abstract int RowCount { get; }

    /// <summary>Scalars of a number or bool type <typeparamref name="T"/> (float, double, int, long, bool, ...).</summary>
    public static AppendedColumnValues Scalars<T>(T[] values) => new ScalarColumnValues<T>(values);

    /// <summary>Text scalars; null is stored as empty text.</summary>
    public static AppendedColumnValues Texts(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ScalarColumnValues<ReadOnlyMemory<char>>(values.Select(v => (v ?? "").AsMemory()).ToArray());
    }

    /// <summary>One dense vector per row; fixed-size columns need every row at the column's size.</summary>
    public static AppendedColumnValues Vectors<T>(T[][] values) => new VectorColumnValues<T>(values);

    /// <summary>
    /// Key values from 0-based class indices: index c is stored as ML.NET key c + 1 and shown as the column's
    /// c-th key value; -1 means missing (key 0).
    /// </summary>
    public static AppendedColumnValues Keys(int[] classIndices) => new KeyColumnValues(classIndices);

    /// <summary>Throws <see cref="InvalidOperationException"/> when these values cannot fill <paramref name="column"/>.</summary>
    internal abstract void CheckFits(AppendedColumnDefinition column);

    /// <summary>A <c>ValueGetter</c> of the column's raw type that returns the value at <paramref name="rowIndex"/>().</summary>
    internal abstract Delegate MakeGetter(Func<long> rowIndex);

    private protected static int CheckRow(long row, int rowCount)
    {
        if ((ulong)row >= (ulong)rowCount)
            throw new InvalidOperationException($"Row {row} has no appended value: only {rowCount} rows were computed.");
        return (int)row;
    }

    private protected static InvalidOperationException Mismatch(AppendedColumnDefinition column, string values)
        => new($"Column '{column.Name}' of type {column.Type} cannot hold {values}.");
}
