using ElrGnn.Cli.Running;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Data;

/// <summary>Turns <see cref="InputRow"/>s into a data view with the model's saved input schema.</summary>
internal static class InputView
{
    /// <summary>
    /// A view with exactly the model's input columns; feature vectors the model reads must be in every row (or come
    /// from the text, for a model trained on transcripts); vectors it does not read are filled with zeros.
    /// </summary>
    /// <exception cref="CliUsageException">A needed feature is missing or has another length; names the dialogue and turn.</exception>
    public static IDataView Create(MLContext ml, IReadOnlyList<InputRow> rows, LoadedModel model)
    {
        foreach (var row in rows)
        {
            foreach (var (name, size) in model.RawFeatures)
            {
                var values = row.GetFeature(name);
                if (values is null || values.Length != size)
                {
                    throw new CliUsageException($"Dialogue '{row.DialogueId}' turn {row.Turn}: the model reads '{name}' vectors of {size} floats, " +
                        $"this input has {(values is null || values.Length == 0 ? "none" : $"{values.Length}")}. {model.FeatureHint()}");
                }
            }
        }
        if (model.ComputesText && rows.All(r => string.IsNullOrWhiteSpace(r.Utterance)))
            throw new CliUsageException("The model embeds utterance text, but the input has no text.");

        var definition = SchemaDefinition.Create(typeof(InputRow), SchemaDefinition.Direction.Read);
        foreach (var column in definition.ToList())
        {
            var target = model.InputSchema.GetColumnOrNull(column.ColumnName);
            if (target is null)
            {
                definition.Remove(column);
                continue;
            }
            if (target.Value.Type is VectorDataViewType vector)
            {
                column.ColumnType = vector;
                foreach (var row in rows.Where(r => r.GetFeature(column.ColumnName) is { Length: 0 }))
                    row.SetFeature(column.ColumnName, new float[vector.Size]); // a column the network does not read
            }
        }
        var unsupported = model.InputSchema.Where(c => !c.IsHidden && definition.All(d => d.ColumnName != c.Name)).Select(c => c.Name).ToList();
        if (unsupported.Count > 0)
            throw new CliUsageException($"The model's input has columns the CLI cannot fill ({string.Join(", ", unsupported)}); use a model written by 'elrgnn train'.");
        return ml.Data.LoadFromEnumerable(rows, definition);
    }
}
