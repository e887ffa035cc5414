using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Finds a named column in a schema, or in the schema shape an estimator sees, and checks its type with a column
/// reader's <c>Supports</c>, so every component reports a missing or mistyped column the same way.
/// </summary>
internal static class SchemaColumns
{
    /// <summary>The column <paramref name="name"/>; throws naming it when it is missing or not <paramref name="supports"/>ed.</summary>
    /// <exception cref="ConversationDataException">The column is missing (lists the visible ones) or has the wrong type.</exception>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name, Func<DataViewType, bool> supports, string expected)
    {
        var column = schema.GetColumnOrNull(name) ?? throw Missing(name, schema.Where(c => !c.IsHidden).Select(c => c.Name));
        return supports(column.Type) ? column
            : throw new ConversationDataException($"the column has type {column.Type}; expected {expected}.", name);
    }

    /// <summary>Checks that the shape has column <paramref name="name"/> and that it is <paramref name="supports"/>ed.</summary>
    /// <exception cref="ConversationDataException">The column is missing (lists the others) or has the wrong type.</exception>
    public static void Require(SchemaShape schema, string name, Func<SchemaShape.Column, bool> supports, string expected)
    {
        if (!TryFind(schema, name, out var column))
            throw Missing(name, schema.Select(c => c.Name));
        if (!supports(column))
            throw new ConversationDataException($"the column has type {column.ItemType} ({column.Kind}); expected {expected}.", name);
    }

    /// <summary>Looks <paramref name="name"/> up in <paramref name="schema"/> (SchemaShape.TryFindColumn is internal to ML.NET).</summary>
    public static bool TryFind(SchemaShape schema, string name, out SchemaShape.Column column)
    {
        foreach (var c in schema)
        {
            if (c.Name == name)
            {
                column = c;
                return true;
            }
        }
        column = default;
        return false;
    }

    private static ConversationDataException Missing(string name, IEnumerable<string> available) =>
        new($"the column is missing. Available columns: {string.Join(", ", available.Select(a => $"'{a}'"))}.", name);
}
