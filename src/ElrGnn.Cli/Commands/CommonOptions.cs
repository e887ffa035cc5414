using System.CommandLine;
using System.Text.RegularExpressions;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Features;

namespace ElrGnn.Cli.Commands;

/// <summary>Options shared by several commands. Their names are a public contract; keep them.</summary>
internal static partial class CommonOptions
{
    /// <summary><c>--data</c>: a folder holding utterances.csv, a .csv file, or a community .pkl; absent = the built-in synthetic set.</summary>
    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder with utterances.csv, a .csv file in that layout, or a community feature .pkl. Default: the built-in synthetic conversations.",
        HelpName = "path",
    };

    /// <summary><c>--dataset iemocap|meld</c>: the hyper-parameter preset; absent = inferred from the data path.</summary>
    public static Option<string?> Dataset()
    {
        var option = new Option<string?>("--dataset")
        {
            Description = "Preset: iemocap or meld. Default: meld when the data path contains \"meld\", else iemocap.",
            HelpName = "iemocap|meld",
        };
        option.AcceptOnlyFromAmong(DatasetPreset.Iemocap, DatasetPreset.Meld);
        return option;
    }

    /// <summary><c>--modalities text,audio,visual</c>: which feature columns the model reads.</summary>
    public static Option<string?> Modalities()
    {
        var option = new Option<string?>("--modalities")
        {
            Description = "Comma-separated subset of text,audio,visual. Default: every modality the data has (a CSV has text only).",
            HelpName = "list",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !ModalitySelection.TryParse(value, out _, out var error))
                result.AddError(error);
        });
        return option;
    }

    /// <summary><c>--seed</c>: the training seed; default 1 so that runs repeat.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "Seed of weight initialisation, shuffling and dropout.",
        DefaultValueFactory = _ => 1,
    };

    /// <summary><c>--text-encoder frozen|tuned</c>: how utterances.csv text becomes vectors (frozen MiniLM or MiniLM fine-tuned on the train labels).</summary>
    public static Option<string?> TextEncoder()
    {
        var option = new Option<string?>("--text-encoder")
        {
            Description = "Text features for utterances.csv data: frozen (pretrained MiniLM vectors) or tuned (MiniLM fine-tuned on the train " +
                          "labels, epoch picked on valid; cached on disk by data, options and seed, so repeated runs tune once). " +
                          "Default: the one that won on the data set's valid split (frozen for the iemocap preset, tuned for meld).",
            HelpName = "frozen|tuned",
        };
        option.AcceptOnlyFromAmong(TextEncoderChoice.FrozenValue, TextEncoderChoice.TunedValue);
        return option;
    }

    /// <summary><c>--encoder-epochs N</c>: fine-tuning epochs of <c>--text-encoder tuned</c>.</summary>
    public static Option<int?> EncoderEpochs()
    {
        var option = new Option<int?>("--encoder-epochs")
        {
            Description = $"Fine-tuning epochs of --text-encoder tuned (1-50). Default: the library's ({EncoderTuningDefaults.Epochs}).",
            HelpName = "n",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > 50)
                result.AddError($"--encoder-epochs must be within [1, 50], not {n}.");
        });
        return option;
    }

    /// <summary><c>--device cpu|cuda|cuda:N</c>.</summary>
    public static Option<string> Device()
    {
        var option = new Option<string>("--device")
        {
            Description = "Torch device: cpu, cuda or cuda:<index>.",
            DefaultValueFactory = _ => "cpu",
            HelpName = "cpu|cuda",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? "";
            if (!DevicePattern().IsMatch(value))
                result.AddError($"--device must be cpu, cuda or cuda:<index>, not '{value}'.");
        });
        return option;
    }

    /// <summary><c>--out</c>: the output folder.</summary>
    public static Option<string?> Out(string description) => new("--out") { Description = description, HelpName = "dir" };

    /// <summary><c>--model</c>: a model zip written by <c>elrgnn train</c> (required).</summary>
    public static Option<string> Model() => new("--model")
    {
        Description = "Model zip written by 'elrgnn train' (model.zip).",
        HelpName = "zip",
        Required = true,
    };

    /// <summary><c>--epochs</c>: maximum epochs (null: the preset's).</summary>
    public static Option<int?> Epochs()
    {
        var option = new Option<int?>("--epochs") { Description = "Maximum epochs (early stopping may end sooner). Default: the preset's (iemocap 60, meld 30; MiniLM text: iemocap 80)." };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
                r.AddError("--epochs must be at least 1.");
        });
        return option;
    }

    /// <summary>Hidden <c>--trainer-option Name=value</c> (repeatable): any number, bool or enum trainer option, after the preset.</summary>
    public static Option<string[]> TrainerOptions() => new("--trainer-option")
    {
        Description = "Set an ElrGnnTrainer.Options field after the preset, e.g. Dropout=0.3 (repeatable).",
        Hidden = true,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    /// <summary>Hidden <c>--encoder-option Name=value</c> (repeatable): an <c>UtteranceEmbeddingOptions</c> field of the
    /// fine-tuning (e.g. LearningRate=1e-4, PastTurns=2, CrossFitFolds=5).</summary>
    public static Option<string[]> EncoderOptions() => new("--encoder-option")
    {
        Description = "Set an UtteranceEmbeddingOptions field of --text-encoder tuned, e.g. LearningRate=1e-4 (repeatable).",
        Hidden = true,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    /// <summary>Hidden <c>--synthetic-conversations</c>: size of the built-in synthetic set (tests keep it small).</summary>
    public static Option<int?> SyntheticConversations()
    {
        var option = new Option<int?>("--synthetic-conversations")
        {
            Description = "Conversations in the built-in synthetic set (default 200).",
            Hidden = true,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 10)
                result.AddError("--synthetic-conversations must be at least 10 (train, valid and test need conversations).");
        });
        return option;
    }

    /// <summary>Hidden <c>--patience</c>: epochs without a validation gain before training stops; 0 = never (default: the preset's).</summary>
    public static Option<int?> Patience()
    {
        var option = new Option<int?>("--patience")
        {
            Description = "Early-stopping patience in epochs; 0 turns early stopping off. Default: the preset's.",
            Hidden = true,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
                result.AddError("--patience must be 0 (off) or more.");
        });
        return option;
    }

    /// <summary>Hidden <c>--learning-rate</c>: Adam learning rate (default: the preset's).</summary>
    public static Option<double?> LearningRate()
    {
        var option = new Option<double?>("--learning-rate")
        {
            Description = "Adam learning rate in (0, 1]. Default: the preset's.",
            Hidden = true,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } lr && !(lr > 0 && lr <= 1))
                result.AddError("--learning-rate must be in (0, 1].");
        });
        return option;
    }

    [GeneratedRegex("^(cpu|cuda|cuda:[0-9]+)$")]
    private static partial Regex DevicePattern();
}
