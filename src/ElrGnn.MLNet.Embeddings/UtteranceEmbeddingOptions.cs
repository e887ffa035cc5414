using ElrGnn.MLNet.Data;
using Microsoft.ML;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Options of <see cref="UtteranceEmbeddingEstimator"/>: the columns, the embedder options and, when
/// <see cref="LabelColumnName"/> is set, the fine-tuning of the encoder on the training rows' labels.
/// </summary>
/// <remarks>
/// Without <see cref="LabelColumnName"/> (the default) nothing is learned: vectors are the pretrained MiniLM's, cached
/// on disk. With it, <c>Fit</c> fine-tunes MiniLM with a classification head on the mean-pooled vector (class-weighted
/// cross-entropy, AdamW, linear warm-up then decay, the epoch with the best validation weighted F1 kept), and the
/// transformer emits the tuned encoder's unit-norm 384-d vectors; the tuned weights are saved in the model file.
/// <see cref="UtteranceEmbedderOptions.BatchSize"/> is also the fine-tuning batch.
/// </remarks>
public sealed class UtteranceEmbeddingOptions : UtteranceEmbedderOptions
{
    /// <summary>Text column holding one utterance per row. Default "Utterance".</summary>
    public string InputColumnName = UtteranceEmbeddingDefaults.InputColumnName;

    /// <summary>
    /// Column created by the transform: a known-size vector of 384 <see cref="float"/> values. Default "Text".
    /// A column of the same name in the input is hidden.
    /// </summary>
    public string OutputColumnName = UtteranceEmbeddingDefaults.OutputColumnName;

    /// <summary>
    /// Label column (text or key) to fine-tune on. Default null: no fine-tuning (frozen pretrained vectors).
    /// Rows with a missing label (empty text, key 0) are embedded but not trained on.
    /// </summary>
    public string? LabelColumnName;

    /// <summary>Fine-tuning epochs. Default <see cref="EncoderTuningDefaults.Epochs"/> (4); range [1, 50].</summary>
    public int Epochs = EncoderTuningDefaults.Epochs;

    /// <summary>AdamW peak learning rate. Default <see cref="EncoderTuningDefaults.LearningRate"/> (3e-5); range (0, 0.01].</summary>
    public double LearningRate = EncoderTuningDefaults.LearningRate;

    /// <summary>Share of steps with a linearly rising learning rate, then linear decay to 0. Default 0.1; range [0, 1).</summary>
    public double WarmupFraction = EncoderTuningDefaults.WarmupFraction;

    /// <summary>AdamW weight decay. Default <see cref="EncoderTuningDefaults.WeightDecay"/> (0.01); range [0, 1].</summary>
    public double WeightDecay = EncoderTuningDefaults.WeightDecay;

    /// <summary>Seed of the head's initialisation, shuffling, dropout and fold assignment. Default null: the
    /// MLContext's seed, else 0. The same seed, data and <see cref="Device"/> "cpu" give the same tuned weights.</summary>
    public int? Seed;

    /// <summary>Torch device for fine-tuning and tuned embedding: "cpu" (default), "cuda" or "cuda:N".</summary>
    public string Device = Internal.TorchDevices.Cpu;

    /// <summary>Labelled rows that pick the best epoch. Default null: <see cref="ValidationFraction"/> of the training
    /// conversations (or rows, without a conversation column) are held out instead.</summary>
    public IDataView? ValidationSet;

    /// <summary>Share held out when <see cref="ValidationSet"/> is null. Default 0.1; range [0, 1); 0 keeps the last epoch.</summary>
    public double ValidationFraction = EncoderTuningDefaults.ValidationFraction;

    /// <summary>
    /// k previous utterances of the same conversation put before the target in the encoder's input, each as
    /// "speaker: text", EmoBERTa-style. Default 0; range [0, 16]. Needs <see cref="ConversationIdColumnName"/>,
    /// <see cref="TurnColumnName"/> and <see cref="SpeakerColumnName"/>; older turns are dropped first when the input
    /// would exceed the encoder's 512 word pieces. A prediction engine sees one row, so it embeds without past turns.
    /// </summary>
    public int PastTurns = EncoderTuningDefaults.PastTurns;

    /// <summary>Conversation id column, for <see cref="PastTurns"/>, conversation-wise hold-out and cross-fitting. Default "DialogueId".</summary>
    public string ConversationIdColumnName = ConversationColumns.ConversationId;

    /// <summary>Turn column (integer order within a conversation), for <see cref="PastTurns"/>. Default "Turn".</summary>
    public string TurnColumnName = ConversationColumns.Turn;

    /// <summary>Speaker column, for the speaker tags of <see cref="PastTurns"/>. Default "Speaker".</summary>
    public string SpeakerColumnName = ConversationColumns.Speaker;

    /// <summary>
    /// k-fold cross-fitting of the training rows' vectors. Default 0 (off); else [2, 10]. The training conversations are
    /// split into k folds; k extra encoders are each tuned without one fold, and while the pipeline fits (the
    /// transformer's first <c>Transform</c> of the training rows) each training row gets the vector of the encoder that
    /// did not see it, so the next estimator is not trained on over-confident features. Other rows, and a saved and
    /// reloaded model, use the encoder tuned on all rows. Costs k + 1 tunings.
    /// </summary>
    public int CrossFitFolds = EncoderTuningDefaults.CrossFitFolds;

    /// <summary>Receives progress after every optimisation step and at the end of each epoch (tokens/s, ETA).</summary>
    public IProgress<EncoderTuningProgress>? Progress;

    /// <summary>Stops fine-tuning after the current step with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken;

    /// <summary>True when <c>Fit</c> fine-tunes the encoder.</summary>
    internal bool IsTuned => LabelColumnName is not null;

    /// <summary>Throws naming the first invalid option.</summary>
    internal new void Validate()
    {
        base.Validate();
        CheckName(InputColumnName, nameof(InputColumnName));
        CheckName(OutputColumnName, nameof(OutputColumnName));
        if (!IsTuned)
            return;
        CheckName(LabelColumnName, nameof(LabelColumnName));
        Check(Epochs is >= 1 and <= 50, nameof(Epochs), Epochs, "within [1, 50]");
        Check(LearningRate > 0 && LearningRate <= 0.01, nameof(LearningRate), LearningRate, "within (0, 0.01]");
        Check(WarmupFraction is >= 0 and < 1, nameof(WarmupFraction), WarmupFraction, "within [0, 1)");
        Check(WeightDecay is >= 0 and <= 1, nameof(WeightDecay), WeightDecay, "within [0, 1]");
        Check(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), ValidationFraction, "within [0, 1)");
        Check(PastTurns is >= 0 and <= EncoderTuningDefaults.MaxPastTurns, nameof(PastTurns), PastTurns, $"within [0, {EncoderTuningDefaults.MaxPastTurns}]");
        Check(CrossFitFolds == 0 || CrossFitFolds is >= 2 and <= EncoderTuningDefaults.MaxCrossFitFolds, nameof(CrossFitFolds), CrossFitFolds,
            $"0 (off) or within [2, {EncoderTuningDefaults.MaxCrossFitFolds}]");
        CheckName(ConversationIdColumnName, nameof(ConversationIdColumnName));
        CheckName(TurnColumnName, nameof(TurnColumnName));
        CheckName(SpeakerColumnName, nameof(SpeakerColumnName));
        Internal.TorchDevices.Resolve(Device);
    }

    private static void CheckName(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{nameof(UtteranceEmbeddingOptions)}.{option} must be a column name.", option);
    }

    private static void Check(bool ok, string option, object value, string range)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(option, value, $"{nameof(UtteranceEmbeddingOptions)}.{option} must be {range}.");
    }
}
