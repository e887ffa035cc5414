using ElrGnn.MLNet.Graph;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Estimator for <see cref="ConversationGraphTransformer"/>: nothing is learned, so <see cref="Fit"/> only checks
/// the schema and freezes the options. Create it with <c>mlContext.Transforms.PrecomputeConversationGraph(...)</c>.
/// </summary>
public sealed class ConversationGraphEstimator : IEstimator<ConversationGraphTransformer>
{
    private readonly IHostEnvironment _env;
    private readonly ConversationGraphOptions _options;

    internal ConversationGraphEstimator(IHostEnvironment env, ConversationGraphOptions options)
    {
        _env = env ?? throw new ArgumentNullException(nameof(env));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = ConversationGraphTransformer.Clone(options);
    }

    /// <summary>Checks that the id, turn and speaker columns exist and returns the transformer.</summary>
    public ConversationGraphTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new ConversationGraphTransformer(_env, _options);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    /// <summary>The input columns plus <see cref="GraphColumns.NeighborTurns"/> and <see cref="GraphColumns.Weights"/>.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ConversationGraphTransformer.InputReader(_options).ValidateSchema(inputSchema);
        return AppendedSchema.BuildShape(inputSchema,
        [
            AppendedColumnDefinition.VariableVector(GraphColumns.NeighborTurns, NumberDataViewType.Int32),
            AppendedColumnDefinition.VariableVector(GraphColumns.Weights, NumberDataViewType.Single),
        ]);
    }
}
