using Microsoft.ML;

namespace ElrGnn.Cli.Data;

/// <summary>Data of a command split into train / valid / test views (raw rows: labels as text, features as vectors).</summary>
internal sealed class LoadedData
{
    /// <summary>Where the rows come from.</summary>
    public required DataKind Kind { get; init; }

    /// <summary>The --data path, or null for the synthetic set.</summary>
    public string? Path { get; init; }

    /// <summary>One line for the user: what data this is and how big each split is.</summary>
    public required string Description { get; init; }

    /// <summary>Training rows, or null when the data has no split column.</summary>
    public IDataView? Train { get; init; }

    /// <summary>Validation rows, or null when the data has none (the trainer then holds out part of train).</summary>
    public IDataView? Valid { get; init; }

    /// <summary>Test rows (all rows when the data has no split column).</summary>
    public required IDataView Test { get; init; }

    /// <summary>Utterance counts of train, valid and test.</summary>
    public required (long Train, long Valid, long Test) Rows { get; init; }

    /// <summary>Every class of the data set (all splits) in its class-id order: synthetic c0.., the pickle's label map,
    /// or for a CSV the IEMOCAP / MELD ids when they match, else by name.</summary>
    public required IReadOnlyList<string> LabelNames { get; init; }

    /// <summary>Modalities present ("text", "audio", "visual", in that order).</summary>
    public required IReadOnlyList<string> Modalities { get; init; }

    /// <summary>True when the Text column is computed from the Utterance column by MiniLM (CSV data).</summary>
    public bool TextFromUtterances => Kind == DataKind.Csv;
}
