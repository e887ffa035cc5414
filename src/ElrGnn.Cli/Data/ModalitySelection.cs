using ElrGnn.MLNet.Data;

namespace ElrGnn.Cli.Data;

/// <summary>The modality names of <c>--modalities</c> and the feature columns they stand for.</summary>
internal static class ModalitySelection
{
    /// <summary>The modalities in the model's order.</summary>
    public static readonly IReadOnlyList<string> All = ["text", "audio", "visual"];

    /// <summary>The feature column of a modality: text → Text, audio → Audio, visual → Visual.</summary>
    public static string ColumnOf(string modality) => modality switch
    {
        "text" => ConversationColumns.Text,
        "audio" => ConversationColumns.Audio,
        "visual" => ConversationColumns.Visual,
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, "Unknown modality."),
    };

    /// <summary>Parses "text,audio" (any case, spaces allowed) into modality names in model order.</summary>
    public static bool TryParse(string value, out IReadOnlyList<string> modalities, out string error)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToList();
        modalities = [];
        error = "";
        if (names.Count == 0)
        {
            error = "--modalities needs at least one of text, audio, visual.";
            return false;
        }
        if (names.FirstOrDefault(n => !All.Contains(n)) is { } unknown)
        {
            error = $"--modalities: unknown modality '{unknown}'; use text, audio and/or visual.";
            return false;
        }
        if (names.Count != names.Distinct().Count())
        {
            error = "--modalities lists a modality twice.";
            return false;
        }
        modalities = All.Where(names.Contains).ToList();
        return true;
    }

    /// <summary>
    /// The modalities to train on: the requested ones (each must be available) or all available ones.
    /// </summary>
    /// <exception cref="CliUsageException">A requested modality is not in the data; the message says where to get it.</exception>
    public static IReadOnlyList<string> Choose(string? requested, LoadedData data)
    {
        if (requested is null)
            return data.Modalities;
        if (!TryParse(requested, out var chosen, out var error))
            throw new CliUsageException(error);
        var missing = chosen.Where(m => !data.Modalities.Contains(m)).ToList();
        if (missing.Count > 0)
        {
            var hint = data.Kind == DataKind.Csv
                ? "a CSV carries text only (embedded with MiniLM); audio and visual features need a community .pkl (or a table with vector columns)"
                : $"this data has {string.Join(", ", data.Modalities)}";
            throw new CliUsageException($"--modalities asks for {string.Join(", ", missing)}, but {hint}.");
        }
        return chosen;
    }
}
