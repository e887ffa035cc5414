using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Cursor of <see cref="AppendedColumnsDataView"/>: passes input columns through and serves appended values by the
/// input cursor's position.
/// </summary>
internal sealed class AppendedColumnsCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly bool[] _active;
    private readonly IReadOnlyList<AppendedColumnValues>? _values;
    private readonly Delegate?[] _getters;
    private long _rows;

    /// <summary>Wraps <paramref name="input"/>; <paramref name="values"/> is null when no appended column is active.</summary>
    public AppendedColumnsCursor(DataViewSchema schema, DataViewRowCursor input, bool[] active, IReadOnlyList<AppendedColumnValues>? values)
    {
        Schema = schema;
        _input = input;
        _active = active;
        _values = values;
        _getters = new Delegate?[active.Length];
    }

    /// <inheritdoc />
    public override DataViewSchema Schema { get; }

    /// <inheritdoc />
    public override long Position => _input.Position;

    /// <inheritdoc />
    public override long Batch => _input.Batch;

    private int InputCount => _input.Schema.Count;

    /// <inheritdoc />
    public override bool MoveNext()
    {
        var moved = _input.MoveNext();
        if (_values is not null && _values.Count > 0)
        {
            var computed = _values[0].RowCount;
            if (moved && ++_rows > computed)
                throw new InvalidOperationException($"The input has more rows than the {computed} rows of appended values.");
            if (!moved && _rows != computed)
                throw new InvalidOperationException($"The input has {_rows} rows but {computed} rows of appended values were computed.");
        }
        return moved;
    }

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
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
        _getters[slot] ??= _values![slot].MakeGetter(() => _input.Position);
        return _getters[slot] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
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
}
