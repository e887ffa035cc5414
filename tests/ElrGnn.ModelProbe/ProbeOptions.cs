namespace ElrGnn.ModelProbe;

/// <summary>Command line of the probe.</summary>
internal sealed class ProbeOptions
{
    public const string Usage =
        "usage: ElrGnn.ModelProbe <model.zip> <input.json|input.csv> [--columns Score,PredictedLabel] [--register-assembly <path.dll>]...\n" +
        "  input.json: an array of objects, one per row, keyed by input column name (vectors as arrays)\n" +
        "  input.csv:  a header row of input column names; vector cells hold values separated by ';' or spaces\n" +
        "  prints {\"rows\":[{column: value, ...}, ...]} on stdout; exit 0 ok, 1 usage, 2 corrupt/incompatible model, 3 other error";

    /// <summary>The model zip.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The input rows (JSON or CSV by extension).</summary>
    public required string InputPath { get; init; }

    /// <summary>The output columns to print, in order (default Score, PredictedLabel).</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Extra assemblies whose loadable ElrGnn components must be registered (e.g. test-only transformers).</summary>
    public required IReadOnlyList<string> Assemblies { get; init; }

    /// <summary>Parses the arguments; null (with <paramref name="error"/>) when they are wrong.</summary>
    public static ProbeOptions? Parse(string[] args, out string? error)
    {
        var positional = new List<string>();
        var columns = new List<string> { "Score", "PredictedLabel" };
        var assemblies = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--columns" when i + 1 < args.Length:
                    columns = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    break;
                case "--register-assembly" when i + 1 < args.Length:
                    assemblies.Add(args[++i]);
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    error = $"unknown or incomplete option '{a}'";
                    return null;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 2 || columns.Count == 0)
        {
            error = "expected a model path, an input path and at least one column";
            return null;
        }
        error = null;
        return new ProbeOptions { ModelPath = positional[0], InputPath = positional[1], Columns = columns, Assemblies = assemblies };
    }
}
