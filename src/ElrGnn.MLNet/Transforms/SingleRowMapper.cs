using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Row-to-row mapping for <c>PredictionEngine</c>: the same output schema as <see cref="AppendedColumnsDataView"/>,
/// with the appended values computed for one row at a time by a caller-supplied function.
/// </summary>
internal sealed class SingleRowMapper : IRowToRowMapper
{
    private readonly IReadOnlyList<AppendedColumnDefinition> _columns;
    private readonly DataViewSchema.Column[] _required;
    private readonly Func<DataViewRow, Func<IReadOnlyList<AppendedColumnValues>>> _bind;

    /// <summary>
    /// Creates the mapper. <paramref name="requiredInputColumns"/> are the input columns the computation reads;
    /// <paramref name="bind"/> is called once per output row object with the input row, and returns a function
    /// that computes the appended values (one row each) for the input row's current position.
    /// </summary>
    public SingleRowMapper(DataViewSchema inputSchema, IReadOnlyList<AppendedColumnDefinition> columns,
        IEnumerable<string> requiredInputColumns, Func<DataViewRow, Func<IReadOnlyList<AppendedColumnValues>>> bind)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(requiredInputColumns);
        ArgumentNullException.ThrowIfNull(bind);
        InputSchema = inputSchema;
        _columns = columns.ToArray();
        OutputSchema = AppendedSchema.Build(inputSchema, _columns);
        _required = requiredInputColumns
            .Select(name => inputSchema.GetColumnOrNull(name)
                ?? throw new ArgumentOutOfRangeException(nameof(requiredInputColumns), $"Input column '{name}' not found."))
            .ToArray();
        _bind = bind;
    }

    /// <inheritdoc />
    public DataViewSchema InputSchema { get; }

    /// <inheritdoc />
    public DataViewSchema OutputSchema { get; }

    /// <inheritdoc />
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        ArgumentNullException.ThrowIfNull(dependingColumns);
        var needed = new SortedSet<int>();
        foreach (var column in dependingColumns)
        {
            if (column.Index < InputSchema.Count)
                needed.Add(column.Index);
            else
                needed.UnionWith(_required.Select(c => c.Index));
        }
        return needed.Select(i => InputSchema[i]).ToArray();
    }

    /// <inheritdoc />
    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        if (!ReferenceEquals(input.Schema, InputSchema))
            throw new ArgumentException("The row's schema is not the schema this mapper was created for.", nameof(input));
        var active = new bool[_columns.Count];
        foreach (var column in activeColumns)
        {
            if (column.Index >= InputSchema.Count && column.Index - InputSchema.Count < active.Length)
                active[column.Index - InputSchema.Count] = true;
        }
        var compute = active.Contains(true) ? _bind(input) : null;
        return new SingleRowMapperRow(OutputSchema, input, _columns, active, compute);
    }
}
