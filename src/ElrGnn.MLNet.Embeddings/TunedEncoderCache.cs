using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ElrGnn.MLNet.Features.Tuning;
using System.Text.Json;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Keeps fine-tuned encoders on disk so that runs on the same data with the same tuning options and seed (e.g. the
/// bench's seeds of each model, or a second <c>elrgnn train</c>) tune once. The key is a SHA-256 of the training and
/// validation rows as the encoder sees them (inputs, labels, conversations, turns), every tuning option and the seed
/// and the MiniLM package version; a change in any of them tunes again.
/// </summary>
/// <remarks>Beside each encoder zip the cache keeps how the tuning went (<c>.json</c>: the
/// <see cref="EncoderTuningSummary"/>, so a hit still reports the tuning's cost) and, with cross-fitting, the training
/// rows' out-of-fold vectors (<c>.crossfit</c>), so a hit gives exactly the vectors of a fresh fit. A damaged or missing
/// file is tuned again and replaced.</remarks>
public static class TunedEncoderCache
{
    private const string FormatTag = "elrgnn-tuned-minilm-cache-v2";

    /// <summary>The tuned embedding transformer for <paramref name="train"/>: loaded from <paramref name="cacheDirectory"/>
    /// when a matching one is there, else fitted with <paramref name="options"/> and saved there.</summary>
    /// <param name="ml">The context (its seed is used when <see cref="UtteranceEmbeddingOptions.Seed"/> is null).</param>
    /// <param name="options">Tuning options; <see cref="UtteranceEmbeddingOptions.LabelColumnName"/> must be set.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="cacheDirectory">Folder of the cached encoders (created when needed).</param>
    /// <param name="tuned">True when the encoder was tuned now (a cache miss).</param>
    /// <returns>A transformer that appends the tuned vectors.</returns>
    public static ITransformer GetOrFit(MLContext ml, UtteranceEmbeddingOptions options, IDataView train, string cacheDirectory, out bool tuned)
        => GetOrFit(ml, options, train, cacheDirectory, out tuned, out _);

    /// <summary>As <see cref="GetOrFit(MLContext, UtteranceEmbeddingOptions, IDataView, string, out bool)"/>, and says how the
    /// encoder was tuned.</summary>
    /// <param name="ml">The context (its seed is used when <see cref="UtteranceEmbeddingOptions.Seed"/> is null).</param>
    /// <param name="options">Tuning options; <see cref="UtteranceEmbeddingOptions.LabelColumnName"/> must be set.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="cacheDirectory">Folder of the cached encoders (created when needed).</param>
    /// <param name="tuned">True when the encoder was tuned now (a cache miss).</param>
    /// <param name="summary">How the cached or new encoder was tuned (its epochs, validation scores and cost).</param>
    public static ITransformer GetOrFit(MLContext ml, UtteranceEmbeddingOptions options, IDataView train, string cacheDirectory, out bool tuned,
        out EncoderTuningSummary summary)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        if (!options.IsTuned)
            throw new ArgumentException($"{nameof(UtteranceEmbeddingOptions)}.{nameof(UtteranceEmbeddingOptions.LabelColumnName)} must be set to cache a tuned encoder.", nameof(options));
        options.Validate();
        var seed = options.Seed ?? MlNetInternals.GetSeed(ml) ?? 0;
        var path = Path.Combine(cacheDirectory, $"tuned-minilm-{Key(options, train, seed)[..32]}.zip");
        var summaryPath = Path.ChangeExtension(path, ".json");
        var crossFitPath = Path.ChangeExtension(path, ".crossfit");
        if (File.Exists(path) && ReadSummary(summaryPath) is { } cachedSummary)
        {
            try
            {
                ITransformer? loaded = ElrGnnComponents.Load(ml.RegisterUtteranceEmbeddings(), path, out _);
                if (options.CrossFitFolds >= 2)
                    loaded = TunedVectorFile.TryRead(crossFitPath) is { } outOfFold ? Tuned(loaded)?.WithCrossFitted(outOfFold) : null;
                if (loaded is not null)
                {
                    tuned = false;
                    summary = cachedSummary;
                    return loaded;
                }
            }
            catch (ModelFileException)
            {
                // Damaged (e.g. a killed writer on a file system without atomic rename): tune again below.
            }
        }

        var model = ml.Transforms.EmbedUtterances(Clone(options, seed)).Fit(train);
        summary = model.Tuning!;
        Directory.CreateDirectory(cacheDirectory);
        var suffix = $".{Environment.ProcessId}.tmp";
        if (Tuned(model)?.CrossFitted is { } vectors)
        {
            TunedVectorFile.Write(crossFitPath + suffix, vectors);
            File.Move(crossFitPath + suffix, crossFitPath, overwrite: true);
        }
        File.WriteAllText(summaryPath + suffix, JsonSerializer.Serialize(summary));
        File.Move(summaryPath + suffix, summaryPath, overwrite: true);
        ml.Model.Save(model, train.Schema, path + suffix);
        File.Move(path + suffix, path, overwrite: true);
        tuned = true;
        return model;
    }

    /// <summary>The tuned-encoder step of a fitted or loaded pipeline, if it has one.</summary>
    internal static TunedUtteranceEmbeddingTransformer? Tuned(ITransformer model) => TransformerSteps.Flatten(model)
        .Select(step => step is UtteranceEmbeddingTransformer wrapper ? wrapper.Inner : step)
        .SelectMany(TransformerSteps.Flatten)
        .OfType<TunedUtteranceEmbeddingTransformer>()
        .SingleOrDefault();

    private static EncoderTuningSummary? ReadSummary(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<EncoderTuningSummary>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The cache key (hex SHA-256) of tuning <paramref name="train"/> with <paramref name="options"/> and <paramref name="seed"/>.</summary>
    internal static string Key(UtteranceEmbeddingOptions options, IDataView train, int seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        Add(FormatTag);
        Add(MiniLmEncoder.ModelId);
        Add(string.Join('|', Describe(options, seed)));
        var reader = new UtteranceRowReader(options);
        var rows = reader.Read(train, readLabels: true, labels: null);
        AddRows(Add, rows);
        if (options.ValidationSet is { } valid)
            AddRows(Add, reader.Read(valid, readLabels: true, labels: rows.LabelMap));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AddRows(Action<string> add, UtteranceRows rows)
    {
        add(rows.Count.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < rows.Count; i++)
        {
            add(rows.Keys[i]);
            add(rows.Labels[i] < 0 ? "" : rows.LabelMap[rows.Labels[i]]);
        }
    }

    private static IEnumerable<string> Describe(UtteranceEmbeddingOptions o, int seed) => new object[]
    {
        o.InputColumnName, o.OutputColumnName, o.LabelColumnName!, o.Epochs, o.LearningRate, o.WarmupFraction, o.WeightDecay, seed,
        o.Device, o.ValidationSet is null ? "no validation set" : "validation set", o.ValidationFraction, o.PastTurns,
        o.ConversationIdColumnName, o.TurnColumnName, o.SpeakerColumnName, o.CrossFitFolds, o.BatchSize,
    }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");

    private static UtteranceEmbeddingOptions Clone(UtteranceEmbeddingOptions o, int seed) => new()
    {
        InputColumnName = o.InputColumnName, OutputColumnName = o.OutputColumnName, LabelColumnName = o.LabelColumnName,
        Epochs = o.Epochs, LearningRate = o.LearningRate, WarmupFraction = o.WarmupFraction, WeightDecay = o.WeightDecay,
        Seed = seed, Device = o.Device, ValidationSet = o.ValidationSet, ValidationFraction = o.ValidationFraction,
        PastTurns = o.PastTurns, ConversationIdColumnName = o.ConversationIdColumnName, TurnColumnName = o.TurnColumnName,
        SpeakerColumnName = o.SpeakerColumnName, CrossFitFolds = o.CrossFitFolds, Progress = o.Progress,
        CancellationToken = o.CancellationToken, BatchSize = o.BatchSize, CacheDirectory = o.CacheDirectory, UseDiskCache = o.UseDiskCache,
    };
}
