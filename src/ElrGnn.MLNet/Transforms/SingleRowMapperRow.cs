using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Output row of <see cref="SingleRowMapper"/>: input columns pass through; appended values are computed once per
/// input position, on the first getter call, and shared by all appended columns.
/// </summary>
internal sealed class SingleRowMapperRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly IReadOnlyList<AppendedColumnDefinition> _columns;
    private readonly bool[] _active;
    private readonly Func<IReadOnlyList<AppendedColumnValues>>? _compute;
    private readonly Delegate[] _current;
    private long _computedAt = -1;

    /// <summary>Wraps <paramref name="input"/>; <paramref name="compute"/> is null when no appended column is active.</summary>
    public SingleRowMapperRow(DataViewSchema schema, DataViewRow input, IReadOnlyList<AppendedColumnDefinition> columns,
        bool[] active, Func<IReadOnlyList<AppendedColumnValues>>? compute)
    {
        Schema = schema;
        _input = input;
        _columns = columns;
        _active = active;
        _compute = compute;
        _current = new Delegate[columns.Count];
    }

    /// <inheritdoc />
    public override DataViewSchema Schema { get; }

    /// <inheritdoc />
    public override long Position => _input.Position;

    /// <inheritdoc />
    public override long Batch => _input.Batch;

    private int InputCount => _input.Schema.Count;

    /// <inheritdoc />
    public override bool IsColumnActive(DataViewSchema.Column column)
        => column.Index < InputCount ? _input.IsColumnActive(_input.Schema[column.Index]) : _active[column.Index - InputCount];

    /// <inheritdoc />
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < InputCount)
            return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        var slot = column.Index - InputCount;
        if (slot >= _active.Length || !_active[slot])
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this row.");
        if (typeof(TValue) != column.Type.RawType)
            throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
        return (ref TValue value) =>
        {
            EnsureComputed();
            ((ValueGetter<TValue>)_current[slot])(ref value);
        };
    }

    /// <inheritdoc />
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _input.Dispose();
        base.Dispose(disposing);
    }

    private void EnsureComputed()
    {
        var position = _input.Position;
        if (position < 0)
            throw new InvalidOperationException("The input row has no current value.");
        if (position == _computedAt)
            return;
        var values = _compute!();
        if (values is null || values.Count != _columns.Count)
            throw new InvalidOperationException($"Expected values for {_columns.Count} appended columns, got {values?.Count ?? 0}.");
        for (var i = 0; i < values.Count; i++)
        {
            values[i].CheckFits(_columns[i]);
            if (values[i].RowCount != 1)
                throw new InvalidOperationException($"Column '{_columns[i].Name}': expected 1 row of values, got {values[i].RowCount}.");
            _current[i] = values[i].MakeGetter(static () => 0);
        }
        _computedAt = position;
    }
}
