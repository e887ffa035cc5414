using ElrGnn.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Base of the ElrGnn.MLNet transformers that keep their input columns and append new ones (scores, predicted
/// labels, graph weights). It provides <c>Transform</c>, row-to-row mapping for <c>PredictionEngine</c> and saving
/// into ML.NET's model zip.
/// </summary>
/// <remarks>
/// <c>Transform</c> is lazy: the derived class's whole-input computation runs on the first cursor that reads an
/// appended column. <c>PredictionEngine</c> calls the per-row computation instead, which sees one row only.
/// Derived classes also implement the internal loader interface so <c>mlContext.Model.Load</c> can rebuild them.
/// </remarks>
public abstract class AppendingTransformerBase : ITransformer
{
    private protected AppendingTransformerBase(IHostEnvironment env, ModelFormat format)
    {
        HostEnvironment = env ?? throw new ArgumentNullException(nameof(env));
        Format = format ?? throw new ArgumentNullException(nameof(format));
    }

    /// <summary>Always true: every row can be mapped alone (see the remarks on context).</summary>
    bool ITransformer.IsRowToRowMapper => true;

    /// <summary>The environment the transformer was created or loaded in.</summary>
    private protected IHostEnvironment HostEnvironment { get; }

    /// <summary>The saved format.</summary>
    private protected ModelFormat Format { get; }

    /// <summary>The input columns unchanged, then the appended columns.</summary>
    /// <param name="inputSchema">The schema of the data this transformer would be applied to.</param>
    /// <returns>The output schema.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A required input column is missing or of the wrong type.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return AppendedSchema.Build(inputSchema, GetAppendedColumns(inputSchema));
    }

    /// <summary>
    /// Appends the computed columns to <paramref name="input"/>. The input schema is checked now; the values are
    /// computed on first use.
    /// </summary>
    /// <param name="input">The data to transform.</param>
    /// <returns>A view with the input columns and the appended columns.</returns>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var columns = GetAppendedColumns(input.Schema);
        return new AppendedColumnsDataView(input, columns, () => ComputeAll(input));
    }

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new SingleRowMapper(inputSchema, GetAppendedColumns(inputSchema), GetInputColumnNames(), BindRow);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelWriter.Save(ctx, Format, GetType(), SaveModel);

    /// <summary>Checks the input schema and returns the columns to append, in order.</summary>
    private protected abstract IReadOnlyList<AppendedColumnDefinition> GetAppendedColumns(DataViewSchema inputSchema);

    /// <summary>The input columns the computations read (row mapping asks its upstream only for these).</summary>
    private protected abstract IReadOnlyList<string> GetInputColumnNames();

    /// <summary>
    /// Computes the appended values for every row of <paramref name="input"/>, in the input's row order (as read by
    /// an unshuffled cursor), one <see cref="AppendedColumnValues"/> per appended column.
    /// </summary>
    private protected abstract IReadOnlyList<AppendedColumnValues> ComputeAll(IDataView input);

    /// <summary>
    /// Prepares to compute one row at a time from <paramref name="input"/> (make its getters here) and returns
    /// the function that computes the current row's values, one row per appended column.
    /// </summary>
    private protected abstract Func<IReadOnlyList<AppendedColumnValues>> BindRow(DataViewRow input);

    /// <summary>Writes the fields after the header, in the order of the derived class's "Binary format" comment.</summary>
    private protected abstract void SaveModel(ModelWriter writer);
}
