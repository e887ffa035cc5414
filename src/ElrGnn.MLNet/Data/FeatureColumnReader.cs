using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Reads one modality's feature column into a flat float list: float or double vectors (fixed or
/// variable size, dense or sparse) and float or double scalars (size 1). Every value must be finite
/// and every row must have the same dimension.
/// </summary>
internal sealed class FeatureColumnReader
{
    private readonly Func<int> _fill; // fills _scratch, returns the row's length
    private readonly string _columnName;
    private float[] _scratch = [];

    private FeatureColumnReader(DataViewRow row, DataViewSchema.Column column, int dimension)
    {
        _columnName = column.Name;
        Dimension = dimension;
        var item = ItemType(column.Type)!;
        bool isDouble = item.RawType == typeof(double);
        _fill = (column.Type is VectorDataViewType, isDouble) switch
        {
            (true, false) => VectorFiller<float>(row, column, v => v),
            (true, true) => VectorFiller<double>(row, column, v => (float)v),
            (false, false) => ScalarFiller<float>(row, column, v => v),
            (false, true) => ScalarFiller<double>(row, column, v => (float)v),
        };
    }

    /// <summary>The column's dimension; 0 until the first row for variable-size columns.</summary>
    public int Dimension { get; private set; }

    /// <summary>The accepted types, for error messages.</summary>
    public const string Expected = "a float or double vector, or a float or double scalar";

    /// <summary>The schema-shape form of <see cref="Supports(DataViewType, out int)"/> (sizes are not known there).</summary>
    public static bool Supports(SchemaShape.Column column) => !column.IsKey && ValueGetters.IsFloating(column.ItemType);

    /// <summary>
    /// True for float/double scalars and vectors; <paramref name="size"/> is the schema size
    /// (1 for a scalar, the vector size, 0 for a variable-size vector).
    /// </summary>
    public static bool Supports(DataViewType type, out int size)
    {
        size = type switch
        {
            VectorDataViewType v => v.Size,
            _ => 1,
        };
        return ItemType(type) is not null;
    }

    /// <summary>Creates a reader bound to <paramref name="row"/>; <paramref name="dimension"/> 0 = learn it from the first row.</summary>
    public static FeatureColumnReader Create(DataViewRow row, DataViewSchema.Column column, int dimension) =>
        new(row, column, dimension);

    /// <summary>Appends the current row's features to <paramref name="destination"/> after checking size and finiteness.</summary>
    public void ReadInto(List<float> destination, string conversationId, int turn)
    {
        int length = _fill();
        if (Dimension == 0)
            Dimension = length;
        if (length != Dimension)
            throw new ConversationDataException(
                $"the feature vector has {length} values but {Dimension} are expected (every row of a feature column must have the same size).",
                _columnName, conversationId, turn);
        var values = _scratch.AsSpan(0, length);
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ConversationDataException(
                    $"feature value {i} is {values[i]}; features must be finite (no NaN or infinity; doubles must fit in a float).",
                    _columnName, conversationId, turn);
        }
        destination.AddRange(values);
    }

    private static PrimitiveDataViewType? ItemType(DataViewType type)
    {
        var item = type is VectorDataViewType v ? v.ItemType : type;
        return item is NumberDataViewType n && (n.RawType == typeof(float) || n.RawType == typeof(double)) ? n : null;
    }

    private Func<int> VectorFiller<T>(DataViewRow row, DataViewSchema.Column column, Func<T, float> convert)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        VBuffer<T> buffer = default;
        return () =>
        {
            getter(ref buffer);
            var scratch = Scratch(buffer.Length);
            var values = buffer.GetValues();
            if (buffer.IsDense)
            {
                for (int i = 0; i < values.Length; i++)
                    scratch[i] = convert(values[i]);
            }
            else
            {
                // Sparse rows: implicit entries are zero.
                Array.Clear(scratch, 0, buffer.Length);
                var indices = buffer.GetIndices();
                for (int i = 0; i < values.Length; i++)
                    scratch[indices[i]] = convert(values[i]);
            }
            return buffer.Length;
        };
    }

    private Func<int> ScalarFiller<T>(DataViewRow row, DataViewSchema.Column column, Func<T, float> convert)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            Scratch(1)[0] = convert(value);
            return 1;
        };
    }

    private float[] Scratch(int length)
    {
        if (_scratch.Length < length)
            _scratch = new float[length];
        return _scratch;
    }
}
