using ElrGnn.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Features;

/// <summary>Checks that the utterance column exists and holds scalar text, naming the column when it does not.</summary>
internal static class EmbeddingSchema
{
    /// <summary>Checks a schema shape (estimator side).</summary>
    /// <exception cref="ConversationDataException">The column is missing or is not scalar text.</exception>
    public static void CheckInput(SchemaShape schema, string column)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var index = schema.ToList().FindLastIndex(c => c.Name == column);
        if (index < 0)
            throw Missing(column);
        var found = schema[index];
        if (found.Kind != SchemaShape.Column.VectorKind.Scalar || found.ItemType is not TextDataViewType)
            throw WrongType(column, Describe(found));
    }

    /// <summary>Checks a data schema (transformer side).</summary>
    /// <exception cref="ConversationDataException">The column is missing or is not scalar text.</exception>
    public static void CheckInput(DataViewSchema schema, string column)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var found = schema.GetColumnOrNull(column) ?? throw Missing(column);
        if (found.Type is not TextDataViewType)
            throw WrongType(column, found.Type.ToString() ?? found.Type.RawType.Name);
    }

    private static string Describe(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Scalar => column.ItemType.ToString() ?? "unknown",
        SchemaShape.Column.VectorKind.Vector => $"Vector<{column.ItemType}>",
        _ => $"VarVector<{column.ItemType}>",
    };

    private static ConversationDataException Missing(string column) =>
        new("the input has no such column; utterance embedding needs a text column with one utterance per row.", column);

    private static ConversationDataException WrongType(string column, string actual) =>
        new($"the column has type {actual}, but utterance embedding needs scalar text (String).", column);
}
