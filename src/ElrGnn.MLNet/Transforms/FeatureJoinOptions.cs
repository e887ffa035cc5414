using ElrGnn.MLNet.Data;
using Microsoft.ML;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Options of <c>mlContext.Transforms.LoadConversationFeatures(...)</c>: where the pre-extracted vectors are,
/// which of them to attach under which names, and the key columns of the utterance table.
/// </summary>
/// <remarks>
/// Set exactly one of <see cref="SourcePath"/> (a community pickle or a feature CSV) and <see cref="SourceData"/>
/// (an in-memory table). A model fitted from a file stores the file's full path and SHA-256, not the vectors
/// (unless <see cref="SaveFeaturesInModel"/>): the file must stay at that path, and a changed file is an error
/// when the model is loaded. A model fitted from <see cref="SourceData"/> always stores the vectors.
/// </remarks>
public sealed class FeatureJoinOptions
{
    /// <summary>A feature file: a community pickle (.pkl) or a CSV keyed by dialogue_id and turn. Default null.</summary>
    public string? SourcePath { get; set; }

    /// <summary>How to read <see cref="SourcePath"/>. Default <see cref="FeatureJoinSourceFormat.Auto"/> (by extension).</summary>
    public FeatureJoinSourceFormat SourceFormat { get; set; } = FeatureJoinSourceFormat.Auto;

    /// <summary>
    /// An in-memory feature table (any <see cref="IDataView"/>, e.g. a DataFrame): id, turn and one float or
    /// double vector column per <see cref="FeatureJoinColumn.Source"/>. Read once, at fit. Default null.
    /// </summary>
    public IDataView? SourceData { get; set; }

    /// <summary>The id column of <see cref="SourceData"/>. Default "DialogueId".</summary>
    public string SourceConversationIdColumnName { get; set; } = ConversationColumns.ConversationId;

    /// <summary>The turn column of <see cref="SourceData"/>. Default "Turn".</summary>
    public string SourceTurnColumnName { get; set; } = ConversationColumns.Turn;

    /// <summary>
    /// The vector columns to append, at least one, distinct output names. Default Text, Audio and Visual, each
    /// from the source feature of the same name.
    /// </summary>
    public FeatureJoinColumn[] Columns { get; set; } =
        [new(ConversationColumns.Text), new(ConversationColumns.Audio), new(ConversationColumns.Visual)];

    /// <summary>The utterance table's conversation id column (text, integer or key). Default "DialogueId".</summary>
    public string ConversationIdColumnName { get; set; } = ConversationColumns.ConversationId;

    /// <summary>The utterance table's turn column (integer, or float holding whole numbers). Default "Turn".</summary>
    public string TurnColumnName { get; set; } = ConversationColumns.Turn;

    /// <summary>
    /// Whether a model fitted from <see cref="SourcePath"/> stores the vectors themselves (larger model, no file
    /// needed on load) instead of the path and hash. Default false. Always true for <see cref="SourceData"/>.
    /// </summary>
    public bool SaveFeaturesInModel { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    internal void Validate()
    {
        if ((SourcePath is null) == (SourceData is null))
            throw new ArgumentException($"Set exactly one of {nameof(SourcePath)} and {nameof(SourceData)}.", nameof(SourcePath));
        if (SourcePath is not null)
            ArgumentException.ThrowIfNullOrWhiteSpace(SourcePath, nameof(SourcePath));
        if (!Enum.IsDefined(SourceFormat))
            throw new ArgumentOutOfRangeException(nameof(SourceFormat), SourceFormat, $"{nameof(SourceFormat)} is not a known format.");
        ArgumentException.ThrowIfNullOrWhiteSpace(SourceConversationIdColumnName, nameof(SourceConversationIdColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(SourceTurnColumnName, nameof(SourceTurnColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(ConversationIdColumnName, nameof(ConversationIdColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(TurnColumnName, nameof(TurnColumnName));
        if (Columns is null || Columns.Length == 0 || Columns.Any(c => c is null))
            throw new ArgumentException($"{nameof(Columns)} must list at least one column, none null.", nameof(Columns));
        var duplicate = Columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"{nameof(Columns)} names output column '{duplicate.Key}' twice.", nameof(Columns));
    }
}
