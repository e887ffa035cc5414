using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Reads the turn column as an int: any integer type, or float/double holding a whole number.
/// </summary>
internal sealed class TurnColumnReader
{
    private readonly Func<double> _read;
    private readonly string _columnName;

    private TurnColumnReader(Func<double> read, string columnName)
    {
        _read = read;
        _columnName = columnName;
    }

    /// <summary>The accepted types, for error messages.</summary>
    public const string Expected = "an integer, or a float holding whole numbers";

    /// <summary>True for every number type (keys and text are not turns).</summary>
    public static bool Supports(DataViewType type) => type is NumberDataViewType;

    /// <summary>The schema-shape form of <see cref="Supports(DataViewType)"/> (a scalar number, not a key).</summary>
    public static bool Supports(SchemaShape.Column column) =>
        column.Kind == SchemaShape.Column.VectorKind.Scalar && !column.IsKey && column.ItemType is NumberDataViewType;

    /// <summary>Creates a reader bound to <paramref name="row"/>.</summary>
    public static TurnColumnReader Create(DataViewRow row, DataViewSchema.Column column) =>
        new(ValueGetters.AsDouble(row, column), column.Name);

    /// <summary>The current row's turn; throws when it is missing, fractional or out of int range.</summary>
    public int Read(string conversationId, long row)
    {
        double value = _read();
        if (double.IsNaN(value))
            throw new ConversationDataException($"row {row}: the turn is missing (NaN).", _columnName, conversationId);
        if (double.IsInfinity(value) || value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
            throw new ConversationDataException(
                $"row {row}: the turn {value} is not a whole number in the int range.", _columnName, conversationId);
        return (int)value;
    }
}
