using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using Microsoft.ML;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// The one definition of what a <c>PredictionEngine</c> row is to ELR-GNN: a conversation of one utterance whose Π
/// is the precompute run on a single node (self only). Used by the row mapping of both
/// <see cref="ConversationGraphTransformer"/> (to fill the graph columns) and <see cref="ElrGnnTransformer"/>
/// (to score), so the two cannot drift apart.
/// </summary>
internal static class SingleRowConversation
{
    /// <summary>Id and position used in error messages about a lone row.</summary>
    public const string Id = "(single row)";

    /// <summary>Π of a one-utterance conversation under <paramref name="options"/>.</summary>
    public static SparseRows Propagation(ConversationGraphOptions options) => ConversationGraphPrecompute.RunOne([0], options);

    /// <summary>Prepares to read the current row of <paramref name="input"/> as a one-utterance conversation.</summary>
    /// <param name="input">The row (its getters are made here).</param>
    /// <param name="turnColumn">Turn column name.</param>
    /// <param name="speakerColumn">Speaker column name.</param>
    /// <param name="featureColumns">Feature columns, in modality order (may be empty).</param>
    /// <param name="featureDimensions">Width of each feature column.</param>
    /// <returns>A function that reads the row at the input's current position.</returns>
    public static Func<Conversation> Reader(DataViewRow input, string turnColumn, string speakerColumn,
        IReadOnlyList<string> featureColumns, IReadOnlyList<int> featureDimensions)
    {
        var readers = featureColumns.Select((name, m) => FeatureColumnReader.Create(input, input.Schema[name], featureDimensions[m])).ToArray();
        var speaker = NameColumnReader.Create(input, input.Schema[speakerColumn]);
        var turn = TurnColumnReader.Create(input, input.Schema[turnColumn]);
        return () =>
        {
            int t = turn.Read(Id, input.Position);
            var features = new float[readers.Length][];
            for (int m = 0; m < readers.Length; m++)
            {
                var values = new List<float>(readers[m].Dimension);
                readers[m].ReadInto(values, Id, t);
                features[m] = [.. values];
            }
            return new Conversation(Id, [t], [speaker.Read() ?? ""], [-1], features, [0]);
        };
    }
}
