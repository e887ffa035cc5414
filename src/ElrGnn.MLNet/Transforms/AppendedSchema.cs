using ElrGnn.MLNet.Persistence;
using Microsoft.ML;

namespace ElrGnn.MLNet.Transforms;

/// <summary>Output schemas of a transformer that keeps its input columns and appends new ones.</summary>
internal static class AppendedSchema
{
    /// <summary>
    /// The input columns unchanged (same indices), then the appended columns. An appended column hides an
    /// input column of the same name, which stays reachable by index, as in every ML.NET transform.
    /// </summary>
    public static DataViewSchema Build(DataViewSchema input, IReadOnlyList<AppendedColumnDefinition> columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckNames(columns);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        foreach (var column in columns)
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        return builder.ToSchema();
    }

    /// <summary>The estimator-side twin of <see cref="Build"/>, for <c>IEstimator.GetOutputSchema</c>.</summary>
    public static SchemaShape BuildShape(SchemaShape input, IReadOnlyList<AppendedColumnDefinition> columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckNames(columns);
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        var appended = MlNetInternals.CreateSchemaShape(builder.ToSchema());
        var replaced = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new SchemaShape(input.Where(c => !replaced.Contains(c.Name)).Concat(appended));
    }

    private static void CheckNames(IReadOnlyList<AppendedColumnDefinition> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Column '{duplicate.Key}' is appended twice.", nameof(columns));
    }
}
