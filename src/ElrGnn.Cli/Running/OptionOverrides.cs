using System.Globalization;
using System.Reflection;
using ElrGnn.MLNet.Training;

namespace ElrGnn.Cli.Running;

/// <summary>
/// Hidden <c>--trainer-option Name=value</c> and <c>--encoder-option Name=value</c>: set any number, bool or enum field of
/// <see cref="ElrGnnTrainer.Options"/> or <see cref="ElrGnn.MLNet.Features.UtteranceEmbeddingOptions"/> by name (e.g.
/// <c>Dropout=0.3</c>, <c>ContextEncoder=Transformer</c>, <c>LearningRate=1e-4</c>, <c>PastTurns=2</c>), applied after
/// the preset: the knobs behind the measured choices in RESULTS.md.
/// </summary>
internal static class OptionOverrides
{
    /// <summary>Applies every "Name=value" to <paramref name="options"/>; <paramref name="flag"/> names the CLI option in errors.</summary>
    /// <exception cref="CliUsageException">An unknown name, a field that cannot be set this way, or a value of the wrong type.</exception>
    public static void Apply<TOptions>(TOptions options, IEnumerable<string> overrides, string flag) where TOptions : class
    {
        foreach (var item in overrides)
        {
            int equals = item.IndexOf('=');
            if (equals <= 0)
                throw new CliUsageException($"{flag} '{item}': expected Name=value, e.g. Dropout=0.3.");
            string name = item[..equals].Trim(), text = item[(equals + 1)..].Trim();
            var field = typeof(TOptions).GetField(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (field is null || !Settable(field.FieldType))
                throw new CliUsageException($"{flag} '{name}': not a number, bool or enum option of {typeof(TOptions).FullName!.Replace('+', '.')}.");
            field.SetValue(options, Parse(field, text, flag));
        }
    }

    private static bool TryParse<T>(string text, out object? value) where T : IParsable<T>
    {
        bool ok = T.TryParse(text, CultureInfo.InvariantCulture, out var parsed);
        value = parsed;
        return ok;
    }

    private static bool Settable(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum || type == typeof(bool) || type == typeof(int) || type == typeof(double);
    }

    private static object Parse(FieldInfo field, string text, string flag)
    {
        var type = Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType;
        object? value = null;
        bool ok = type.IsEnum
            ? Enum.TryParse(type, text, ignoreCase: true, out value) && Enum.IsDefined(type, value!)
            : type == typeof(bool) ? TryParse<bool>(text, out value)
            : type == typeof(int) ? TryParse<int>(text, out value)
            : TryParse<double>(text, out value);
        if (!ok)
            throw new CliUsageException($"{flag} {field.Name}={text}: not a valid {type.Name}" +
                (type.IsEnum ? $" ({string.Join(", ", Enum.GetNames(type))})." : "."));
        return value!;
    }
}
