using Microsoft.ML;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// An <see cref="IDataView"/> that returns its input's columns unchanged plus appended columns whose values were
/// computed for every input row at once (e.g. a whole conversation's predictions), row i of the values going with
/// the i-th row of the input.
/// </summary>
/// <remarks>
/// The values are computed on the first cursor that needs an appended column, once, then kept; cursors over input
/// columns only never compute them. Rows are matched by the input cursor's <c>Position</c>, so the input is always
/// read in its own order (<see cref="CanShuffle"/> is false; <c>Cache</c> shuffles on top if asked).
/// </remarks>
internal sealed class AppendedColumnsDataView : IDataView
{
    private readonly IDataView _input;
    private readonly IReadOnlyList<AppendedColumnDefinition> _columns;
    private readonly Lazy<IReadOnlyList<AppendedColumnValues>> _values;

    /// <summary>Creates the view; <paramref name="compute"/> returns one <see cref="AppendedColumnValues"/> per column, in order.</summary>
    public AppendedColumnsDataView(IDataView input, IReadOnlyList<AppendedColumnDefinition> columns,
        Func<IReadOnlyList<AppendedColumnValues>> compute)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(compute);
        _input = input;
        _columns = columns.ToArray();
        Schema = AppendedSchema.Build(input.Schema, _columns);
        _values = new Lazy<IReadOnlyList<AppendedColumnValues>>(() => Validate(compute()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => _input.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var inputCount = _input.Schema.Count;
        var active = new bool[_columns.Count];
        var inputColumns = new List<DataViewSchema.Column>();
        foreach (var column in columnsNeeded)
        {
            if (column.Index < inputCount)
                inputColumns.Add(_input.Schema[column.Index]);
            else if (column.Index - inputCount < active.Length)
                active[column.Index - inputCount] = true;
            else
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{column.Name}' is not in this view's schema.");
        }

        var values = active.Contains(true) ? _values.Value : null;
        // Never shuffled: appended values are matched to input rows by position.
        return new AppendedColumnsCursor(Schema, _input.GetRowCursor(inputColumns, null), active, values);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    /// <summary>
    /// The values of the appended column <paramref name="name"/> (computed now if no cursor has needed them yet), or
    /// null when this view does not append that column. Lets a later step take a whole-input result as it was
    /// computed (e.g. Π) instead of reading it back row by row.
    /// </summary>
    internal AppendedColumnValues? AppendedValues(string name)
    {
        int slot = -1;
        for (int i = 0; i < _columns.Count; i++)
            if (_columns[i].Name == name)
                slot = i; // the last one wins, as in the schema
        return slot < 0 || Schema[name].Index != _input.Schema.Count + slot ? null : _values.Value[slot];
    }

    private IReadOnlyList<AppendedColumnValues> Validate(IReadOnlyList<AppendedColumnValues> values)
    {
        if (values is null || values.Count != _columns.Count)
            throw new InvalidOperationException($"Expected values for {_columns.Count} appended columns, got {values?.Count ?? 0}.");
        var rows = values[0].RowCount;
        for (var i = 0; i < values.Count; i++)
        {
            values[i].CheckFits(_columns[i]);
            if (values[i].RowCount != rows)
                throw new InvalidOperationException($"Column '{_columns[i].Name}' has {values[i].RowCount} rows, '{_columns[0].Name}' has {rows}.");
        }
        if (_input.GetRowCount() is { } count && count != rows)
            throw new InvalidOperationException($"Computed {rows} rows of appended values for an input of {count} rows.");
        return values.ToArray();
    }
}
