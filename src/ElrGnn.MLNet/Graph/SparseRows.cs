namespace ElrGnn.MLNet.Graph;

/// <summary>
/// A sparse square matrix in CSR form: row s holds <c>(Column[e], Weight[e])</c> for
/// e in <c>RowPtr[s]..RowPtr[s+1]</c>, columns ascending. Holds the precomputed propagation Π of one
/// conversation (N rows, at most K entries each).
/// </summary>
/// <remarks>Arrays are exposed without copying so they can feed tensors directly; treat them as read-only.</remarks>
public sealed class SparseRows
{
    /// <summary>Wraps CSR arrays (no copy) after checking their shape.</summary>
    /// <param name="rowPtr">Row pointer, length N + 1, starting at 0, non-decreasing, ending at nnz.</param>
    /// <param name="column">Column of each entry, each in 0..N−1; length nnz.</param>
    /// <param name="weight">Weight of each entry; length nnz.</param>
    /// <exception cref="ArgumentException">The arrays do not form a valid N × N CSR matrix.</exception>
    public SparseRows(int[] rowPtr, int[] column, float[] weight)
    {
        ArgumentNullException.ThrowIfNull(rowPtr);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(weight);
        if (rowPtr.Length == 0 || rowPtr[0] != 0 || rowPtr[^1] != column.Length)
            throw new ArgumentException("Row pointer must start at 0 and end at the number of entries.", nameof(rowPtr));
        if (weight.Length != column.Length)
            throw new ArgumentException("Column and weight arrays must have the same length.", nameof(weight));
        int n = rowPtr.Length - 1;
        for (int s = 0; s < n; s++)
            if (rowPtr[s + 1] < rowPtr[s])
                throw new ArgumentException($"Row pointer decreases at row {s}.", nameof(rowPtr));
        foreach (int c in column)
            if ((uint)c >= (uint)n)
                throw new ArgumentException($"Column {c} is outside 0..{n - 1}.", nameof(column));
        RowPtr = rowPtr;
        Column = column;
        Weight = weight;
    }

    /// <summary>A 0 × 0 matrix (an empty conversation).</summary>
    public static SparseRows Empty { get; } = new([0], [], []);

    /// <summary>Number of rows (= columns) N.</summary>
    public int NodeCount => RowPtr.Length - 1;

    /// <summary>Number of stored entries.</summary>
    public int NonZeroCount => Column.Length;

    /// <summary>Row pointer, length N + 1.</summary>
    public int[] RowPtr { get; }

    /// <summary>Column of each entry, ascending within a row.</summary>
    public int[] Column { get; }

    /// <summary>Weight of each entry (Π[s, j] &gt; 0).</summary>
    public float[] Weight { get; }

    /// <summary>Row s as dense doubles (for tests and inspection).</summary>
    /// <param name="s">Row, 0 ≤ s &lt; N.</param>
    /// <returns>A new array of length N.</returns>
    public double[] DenseRow(int s)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(s);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(s, NodeCount);
        var row = new double[NodeCount];
        for (int e = RowPtr[s]; e < RowPtr[s + 1]; e++)
            row[Column[e]] = Weight[e];
        return row;
    }
}
