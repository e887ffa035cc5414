using System.Globalization;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Data.Pickle;
using Microsoft.ML;

namespace ElrGnn.Cli.Data;

/// <summary>Reads the three data forms of <c>--data</c> (none = synthetic, utterances.csv, community pickle).</summary>
internal static class DataLoading
{
    private static readonly string[] PickleExtensions = [".pkl", ".pickle"];

    /// <summary>Loads <paramref name="path"/> (null = the built-in synthetic set) into split views.</summary>
    /// <param name="ml">The context the views belong to.</param>
    /// <param name="path">A folder holding utterances.csv, a .csv file, a .pkl file, or null.</param>
    /// <param name="syntheticConversations">Size of the synthetic set; null = its default (200).</param>
    /// <exception cref="FileNotFoundException">Nothing at <paramref name="path"/>.</exception>
    /// <exception cref="CliUsageException">The path is neither a CSV, a folder with utterances.csv, nor a pickle.</exception>
    public static LoadedData Load(MLContext ml, string? path, int? syntheticConversations = null)
    {
        if (path is null)
            return Synthetic(ml, syntheticConversations);
        if (syntheticConversations is not null)
            throw new CliUsageException("--synthetic-conversations applies only without --data.");
        if (Directory.Exists(path))
        {
            var csv = System.IO.Path.Combine(path, UtteranceCsv.FileName);
            if (!File.Exists(csv))
                throw new CliUsageException($"The folder '{path}' has no {UtteranceCsv.FileName}.");
            return Csv(ml, path, csv);
        }
        if (!File.Exists(path))
            throw new FileNotFoundException($"No data file or folder at '{path}'.", path);
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (PickleExtensions.Contains(extension))
            return Pickle(ml, path);
        if (extension == ".csv")
            return Csv(ml, path, path);
        throw new CliUsageException($"Cannot tell the format of '{path}': use a .csv file, a folder holding {UtteranceCsv.FileName}, or a .pkl file.");
    }

    private static LoadedData Synthetic(MLContext ml, int? conversations)
    {
        var options = new SyntheticConversationsOptions();
        if (conversations is { } n)
            options.NumberOfConversations = n;
        var data = new SyntheticConversations(options);
        var bySplit = data.Rows.ToLookup(r => r.Split, StringComparer.Ordinal);
        var dialogues = Splits().Select(s => bySplit[s].Select(r => r.DialogueId).Distinct().Count()).ToArray();
        var rows = Splits().Select(s => (long)bySplit[s].Count()).ToArray();
        return new LoadedData
        {
            Kind = DataKind.Synthetic,
            Description = Invariant($"built-in synthetic conversations (seed {options.Seed}, {options.NumberOfClasses} classes, ") +
                Invariant($"{options.NumberOfConversations} dialogues: {SplitCounts(dialogues)}; {rows.Sum():N0} utterances; features text {options.TextDimension}, ") +
                Invariant($"audio {options.AudioDimension}, visual {options.VisualDimension})"),
            Train = data.ToDataView(ml, SyntheticConversations.TrainSplit),
            Valid = rows[1] > 0 ? data.ToDataView(ml, SyntheticConversations.ValidSplit) : null,
            Test = data.ToDataView(ml, SyntheticConversations.TestSplit),
            Rows = (rows[0], rows[1], rows[2]),
            Modalities = ModalitySelection.All,
            LabelNames = data.ClassNames,
        };
    }

    private static LoadedData Csv(MLContext ml, string path, string file)
    {
        var all = UtteranceCsv.Read(file);
        if (all.Count == 0)
            throw new ConversationDataException($"'{file}' has no rows.");
        var bySplit = all.ToLookup(r => NormalizeSplit(r.Split));
        bool hasSplits = Splits().Any(s => bySplit[s].Any());
        var modalities = new[] { "text" };
        if (!hasSplits)
        {
            return new LoadedData
            {
                Kind = DataKind.Csv,
                Path = path,
                Description = Invariant($"{file} (utterances.csv layout, no split column: all {all.Count:N0} utterances of ") +
                    Invariant($"{all.Select(r => r.DialogueId).Distinct().Count():N0} dialogues; text features from MiniLM)"),
                Test = UtteranceCsv.ToDataView(ml, all),
                Rows = (0, 0, all.Count),
                Modalities = modalities,
                LabelNames = LabelOrder.Arrange(all.Select(r => r.Label)),
            };
        }
        var views = Splits().Select(s => bySplit[s].ToList()).ToArray();
        var dialogues = views.Select(v => v.Select(r => r.DialogueId).Distinct().Count()).ToArray();
        return new LoadedData
        {
            Kind = DataKind.Csv,
            Path = path,
            Description = Invariant($"{file} (utterances.csv layout, {dialogues.Sum():N0} dialogues: {SplitCounts(dialogues)}; ") +
                Invariant($"{all.Count:N0} utterances; text features from MiniLM)"),
            Train = views[0].Count > 0 ? UtteranceCsv.ToDataView(ml, views[0]) : null,
            Valid = views[1].Count > 0 ? UtteranceCsv.ToDataView(ml, views[1]) : null,
            Test = UtteranceCsv.ToDataView(ml, views[2]),
            Rows = (views[0].Count, views[1].Count, views[2].Count),
            Modalities = modalities,
            LabelNames = LabelOrder.Arrange(all.Select(r => r.Label)),
        };
    }

    private static LoadedData Pickle(MLContext ml, string path)
    {
        var file = CommunityFeatureFile.Load(path);
        var views = file.ToDataViews(ml);
        var dialogues = new[] { file.TrainIds.Count, file.ValidIds.Count, file.TestIds.Count };
        long Count(IReadOnlyList<string> ids) => ids.Sum(id => (long)(file.FindDialogue(id)?.Length ?? 0));
        var rows = (Count(file.TrainIds), Count(file.ValidIds), Count(file.TestIds));
        var sizes = new[] { ("text", file.TextSize), ("audio", file.AudioSize), ("visual", file.VisualSize) }.Where(s => s.Item2 > 0).ToList();
        return new LoadedData
        {
            Kind = DataKind.Pickle,
            Path = path,
            Description = Invariant($"{path} (community feature pickle, {file.Layout}; {dialogues.Sum():N0} dialogues: {SplitCounts(dialogues)}; ") +
                Invariant($"{rows.Item1 + rows.Item2 + rows.Item3:N0} utterances; features {string.Join(", ", sizes.Select(s => $"{s.Item1} {s.Item2}"))})"),
            Train = rows.Item1 > 0 ? views.Train : null,
            Valid = rows.Item2 > 0 ? views.Valid : null,
            Test = views.Test,
            Rows = rows,
            Modalities = sizes.Select(s => s.Item1).ToList(),
            LabelNames = file.LabelNames,
        };
    }

    private static string[] Splits() => [SyntheticConversations.TrainSplit, SyntheticConversations.ValidSplit, SyntheticConversations.TestSplit];

    // "dev" and "validation" are common names for the validation split.
    private static string NormalizeSplit(string split) => split.Trim().ToLowerInvariant() switch
    {
        "dev" or "validation" => SyntheticConversations.ValidSplit,
        var s => s,
    };

    private static string SplitCounts(int[] dialogues) => Invariant($"train {dialogues[0]:N0} / valid {dialogues[1]:N0} / test {dialogues[2]:N0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
