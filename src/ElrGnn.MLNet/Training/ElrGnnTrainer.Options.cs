using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Internal;
using ElrGnn.MLNet.Modules;

namespace ElrGnn.MLNet.Training;

/// <summary>The ELR-GNN trainer (estimator); this part holds its options.</summary>
public sealed partial class ElrGnnTrainer
{
    /// <summary>
    /// Options of the ELR-GNN trainer: input columns, the hyper-parameters of spec §3.1 and the ablation switches of
    /// spec §4.3. Defaults come from <see cref="ElrGnnDefaults"/> (IEMOCAP); <see cref="ForMeld"/> gives the MELD preset.
    /// The graph precompute (Π: dilation, top-k, …) has its own options, <c>ConversationGraphOptions</c>.
    /// </summary>
    public sealed class Options
    {
        /// <summary>Feature vector columns, one per modality, in order. Default {"Text", "Audio", "Visual"}; at least one, names unique and non-empty.</summary>
        public string[] FeatureColumnNames = [.. ElrGnnDefaults.FeatureColumnNames];

        /// <summary>Label column (text or key). Default "Label"; non-empty.</summary>
        public string LabelColumnName = ConversationColumns.Label;

        /// <summary>Conversation id column. Default "DialogueId"; non-empty.</summary>
        public string ConversationIdColumnName = ConversationColumns.ConversationId;

        /// <summary>Turn column that orders utterances within a conversation. Default "Turn"; non-empty.</summary>
        public string TurnColumnName = ConversationColumns.Turn;

        /// <summary>Speaker column. Default "Speaker"; non-empty.</summary>
        public string SpeakerColumnName = ConversationColumns.Speaker;

        /// <summary>Adam learning rate. Default 1e-4; range (0, 1].</summary>
        public double LearningRate = ElrGnnDefaults.LearningRate;

        /// <summary>Adam weight decay (L2 added to the gradient). Default 3e-5 (MELD preset 1e-5); range [0, 1).</summary>
        public double WeightDecay = ElrGnnDefaults.WeightDecay;

        /// <summary>Dropout probability of the projections, encoder output, early fusion and MLP. Default 0.5 (MELD preset 0.4); range [0, 1).</summary>
        public double Dropout = ElrGnnDefaults.Dropout;

        /// <summary>Conversations per batch. Default 16; range ≥ 1.</summary>
        public int BatchSize = ElrGnnDefaults.BatchSize;

        /// <summary>Maximum number of epochs. Default 60 (MELD preset 30); range ≥ 1.</summary>
        public int MaxEpochs = ElrGnnDefaults.MaxEpochs;

        /// <summary>dh, projection and Bi-LSTM width (dh/2 per direction). Default 256; even, ≥ 2.</summary>
        public int HiddenSize = ElrGnnDefaults.HiddenSize;

        /// <summary>d, width of the utterance features H and of the graph branches and fusion. Default 256; ≥ 1.</summary>
        public int ModelSize = ElrGnnDefaults.ModelSize;

        /// <summary>Bi-LSTM layers per modality (Transformer layers for that encoder). Default 1; range [1, 8].</summary>
        public int LstmLayers = ElrGnnDefaults.LstmLayers;

        /// <summary>Past window p of the speaker-relation graph (branch S, spec §2.2): utterance i attends to and receives
        /// messages from turns i − p..i. Default 10 (<see cref="GraphDefaults.SpeakerGraphPastWindow"/>); range ≥ 0. The
        /// propagation graph's window (option B) is <see cref="ConversationGraphOptions.HopOrderPastWindow"/>.</summary>
        public int SpeakerGraphPastWindow = GraphDefaults.SpeakerGraphPastWindow;

        /// <summary>Future window f of the speaker-relation graph (branch S, spec §2.2): turns i..i + f. Default 10
        /// (<see cref="GraphDefaults.SpeakerGraphFutureWindow"/>); range ≥ 0. The propagation graph's window (option B) is
        /// <see cref="ConversationGraphOptions.HopOrderFutureWindow"/>.</summary>
        public int SpeakerGraphFutureWindow = GraphDefaults.SpeakerGraphFutureWindow;

        /// <summary>DropNode rate on Π during training (GRAND+ random propagation). Default 0.5; range [0, 1).</summary>
        public double DropNode = ElrGnnDefaults.DropNode;

        /// <summary>Weight the loss by 1/frequency of each class in the training labels. Default true (MELD preset false).</summary>
        public bool UseClassWeights = ElrGnnDefaults.UseClassWeights;

        /// <summary>Maximum gradient L2 norm; 0 turns clipping off. Default 0; range ≥ 0 (GRAND+ uses 1.0).</summary>
        public double GradientClip = ElrGnnDefaults.GradientClip;

        /// <summary>Stop after this many epochs without a validation weighted-F1 gain; 0 turns early stopping off. Default 10; range ≥ 0.
        /// Needs a validation set; the best epoch's weights are kept either way.</summary>
        public int EarlyStoppingPatience = ElrGnnDefaults.EarlyStoppingPatience;

        /// <summary>Share of the training conversations (the first ones, in input order, spec §3.2) held out for validation when
        /// no validation set is given; 0 = train on all, no validation. Default 0.1; range [0, 1).</summary>
        public double ValidationFraction = ElrGnnDefaults.ValidationFraction;

        /// <summary>Seed of weight initialisation, shuffling, dropout and DropNode. Default null: MLContext's seed
        /// (a random one when that is null too). Same seed and device ⇒ identical weights on the CPU.</summary>
        public int? Seed;

        /// <summary>Torch device: "cpu", "cuda" or "cuda:&lt;index&gt;". Default "cpu".</summary>
        public string Device = ElrGnnDefaults.Device;

        /// <summary>Context encoder. Default <see cref="ContextEncoderKind.PerModality"/>.</summary>
        public ContextEncoderKind ContextEncoder = ElrGnnDefaults.ContextEncoder;

        /// <summary>Latent-relation operator on Π. Default <see cref="LatentOperatorKind.RelationAware"/>.</summary>
        public LatentOperatorKind LatentOperator = ElrGnnDefaults.LatentOperator;

        /// <summary>Adaptive late fusion on representations or logits. Default <see cref="LateFusionKind.Representation"/>.</summary>
        public LateFusionKind LateFusion = ElrGnnDefaults.LateFusion;

        /// <summary>Use the GFP latent branch Z (ablation switch). Default true.</summary>
        public bool UseGfpBranch = ElrGnnDefaults.UseGfpBranch;

        /// <summary>Use the speaker-relation branch S (ablation switch). Default true. With <see cref="UseGfpBranch"/> also
        /// off the model is the Bi-LSTM + MLP baseline.</summary>
        public bool UseSpeakerGraph = ElrGnnDefaults.UseSpeakerGraph;

        /// <summary>Speaker-relation graph blocks stacked in branch S. One block is two message-passing convolutions over the
        /// p/f window: a relational convolution (5 relation types, window attention) followed by a plain graph
        /// convolution, as in DialogueGCN; L blocks are 2L convolutions, recomputed on every forward pass. Default 1
        /// (spec §2.2: 2 convolutions); range [1, 16]. With <see cref="UseGfpBranch"/> off, 3 blocks (6 convolutions, the
        /// push's 6 hops) make the full-graph RGCN baseline that reaches as far as the precomputed push.</summary>
        public int SpeakerGraphLayers = ElrGnnDefaults.SpeakerGraphLayers;

        /// <summary>Add the context H to the fused representation before the classifier (r + H; spec §2.5 leaves the AIM's
        /// wiring open [INF]). The AIM then refines the Bi-LSTM's answer instead of replacing it, so the full model can
        /// always fall back to the context-only one, and the encoder gets a direct gradient. Default true; not used with
        /// <see cref="LateFusionKind.Logit"/>.</summary>
        public bool UseContextResidual = ElrGnnDefaults.UseContextResidual;

        /// <summary>Use early fusion in the AIM (ablation switch). Default true.</summary>
        public bool UseEarlyFusion = ElrGnnDefaults.UseEarlyFusion;

        /// <summary>Use adaptive late fusion in the AIM; off averages the streams (ablation switch). Default true.</summary>
        public bool UseLateFusion = ElrGnnDefaults.UseLateFusion;

        /// <summary>Use the AIM denoising gates (ablation switch). Default true.</summary>
        public bool UseDenoise = ElrGnnDefaults.UseDenoise;

        /// <summary>Attention heads of the relation-aware operator. Default 1; range ≥ 1, must divide <see cref="ModelSize"/>.</summary>
        public int Heads = ElrGnnDefaults.Heads;

        /// <summary>Attention heads of the Transformer context encoder (used only by that ablation). Default 4; must divide <see cref="HiddenSize"/>.</summary>
        public int TransformerHeads = ElrGnnDefaults.TransformerHeads;

        /// <summary>Add a learned speaker embedding to every modality projection (spec §2.1, optional [INF]). Default false.</summary>
        public bool UseSpeakerEmbedding = ElrGnnDefaults.UseSpeakerEmbedding;

        /// <summary>Speaker embeddings when <see cref="UseSpeakerEmbedding"/> is on; later speakers of a conversation share the
        /// last one. Default 9; range [1, 4096].</summary>
        public int MaxSpeakers = ElrGnnDefaults.MaxSpeakers;

        /// <summary>DropNode samples per batch for the GRAND+ consistency loss (spec §2.7); 1 turns it off. Default 1; range [1, 8].</summary>
        public int ConsistencySamples = ElrGnnDefaults.ConsistencySamples;

        /// <summary>Weight λ_c of the consistency loss. Default 1.0; range ≥ 0.</summary>
        public double ConsistencyWeight = ElrGnnDefaults.ConsistencyWeight;

        /// <summary>Sharpening temperature of the consistency loss. Default 0.1; range (0, 1].</summary>
        public double ConsistencyTemperature = ElrGnnDefaults.ConsistencyTemperature;

        /// <summary>Epochs over which λ_c ramps up linearly. Default 10; range ≥ 1.</summary>
        public int ConsistencyRampEpochs = ElrGnnDefaults.ConsistencyRampEpochs;

        /// <summary>Folder for per-epoch checkpoints (written atomically); null turns checkpoints off. Default null.</summary>
        public string? CheckpointDirectory;

        /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> when one exists. Default true.</summary>
        public bool ResumeFromCheckpoint = ElrGnnDefaults.ResumeFromCheckpoint;

        /// <summary>Validation data for epoch selection and early stopping: the same columns as the training data,
        /// raw (labels as text) or already transformed (labels as keys); labels are matched by name. The precomputed
        /// graph columns are optional (the training data's graph options are used). Default null: hold out the first
        /// <see cref="ValidationFraction"/> of the training conversations.</summary>
        public Microsoft.ML.IDataView? ValidationSet;

        /// <summary>Receives one report per completed epoch (also written to ML.NET's log). Default null.</summary>
        public IProgress<TrainingProgress>? Progress;

        /// <summary>Stops training after the current batch; the best model so far is kept. Default: none.</summary>
        public System.Threading.CancellationToken CancellationToken;

        /// <summary>IEMOCAP preset (spec §3.1): the defaults.</summary>
        /// <returns>New options.</returns>
        public static Options ForIemocap() => new();

        /// <summary>MELD preset (spec §3.1): dropout 0.4, weight decay 1e-5, 30 epochs, no class weights.</summary>
        /// <returns>New options.</returns>
        public static Options ForMeld() => new()
        {
            Dropout = ElrGnnDefaults.MeldDropout,
            WeightDecay = ElrGnnDefaults.MeldWeightDecay,
            MaxEpochs = ElrGnnDefaults.MeldMaxEpochs,
            UseClassWeights = ElrGnnDefaults.MeldUseClassWeights,
        };

        /// <summary>IEMOCAP preset for utterance text embedded by MiniLM (<c>ml.Transforms.EmbedUtterances</c>), chosen on
        /// IEMOCAP's valid split (RESULTS.md): the IEMOCAP preset with learning rate 1e-3, d = 128, batches of 8 dialogues,
        /// up to 80 epochs and patience 20.</summary>
        /// <returns>New options.</returns>
        public static Options ForIemocapText() => new()
        {
            LearningRate = ElrGnnDefaults.TextLearningRate,
            ModelSize = ElrGnnDefaults.TextModelSize,
            BatchSize = ElrGnnDefaults.IemocapTextBatchSize,
            MaxEpochs = ElrGnnDefaults.IemocapTextMaxEpochs,
            EarlyStoppingPatience = ElrGnnDefaults.IemocapTextPatience,
        };

        /// <summary>MELD preset for utterance text embedded by MiniLM: the MELD preset with learning rate 1e-3 and d = 128.</summary>
        /// <returns>New options.</returns>
        public static Options ForMeldText()
        {
            var options = ForMeld();
            options.LearningRate = ElrGnnDefaults.TextLearningRate;
            options.ModelSize = ElrGnnDefaults.TextModelSize;
            return options;
        }

        /// <summary>Checks every option; a message names the option, e.g. "ElrGnnTrainer.Options.Dropout must be in [0, 1)".</summary>
        /// <exception cref="ArgumentException">A column option is invalid; the parameter name is the option's.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the parameter name is the option's.</exception>
        public void Validate()
        {
            const string owner = "ElrGnnTrainer.Options";
            if (FeatureColumnNames is null || FeatureColumnNames.Length == 0)
                throw new ArgumentException($"{owner}.{nameof(FeatureColumnNames)} must name at least one feature column.", nameof(FeatureColumnNames));
            for (int i = 0; i < FeatureColumnNames.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(FeatureColumnNames[i]))
                    throw new ArgumentException($"{owner}.{nameof(FeatureColumnNames)}[{i}] is empty.", nameof(FeatureColumnNames));
                if (Array.IndexOf(FeatureColumnNames, FeatureColumnNames[i]) != i)
                    throw new ArgumentException($"{owner}.{nameof(FeatureColumnNames)} lists '{FeatureColumnNames[i]}' twice.", nameof(FeatureColumnNames));
            }
            OptionChecks.NonEmpty(LabelColumnName, owner, nameof(LabelColumnName));
            OptionChecks.NonEmpty(ConversationIdColumnName, owner, nameof(ConversationIdColumnName));
            OptionChecks.NonEmpty(TurnColumnName, owner, nameof(TurnColumnName));
            OptionChecks.NonEmpty(SpeakerColumnName, owner, nameof(SpeakerColumnName));
            OptionChecks.NonEmpty(Device, owner, nameof(Device));
            OptionChecks.Check(LearningRate > 0 && LearningRate <= 1, owner, nameof(LearningRate), LearningRate, "in (0, 1]");
            OptionChecks.UnitInterval(WeightDecay, owner, nameof(WeightDecay));
            OptionChecks.UnitInterval(ValidationFraction, owner, nameof(ValidationFraction));
            OptionChecks.AtLeast(BatchSize, 1, owner, nameof(BatchSize));
            OptionChecks.AtLeast(MaxEpochs, 1, owner, nameof(MaxEpochs));
            OptionChecks.AtLeast(SpeakerGraphPastWindow, 0, owner, nameof(SpeakerGraphPastWindow));
            OptionChecks.AtLeast(SpeakerGraphFutureWindow, 0, owner, nameof(SpeakerGraphFutureWindow));
            OptionChecks.AtLeast(EarlyStoppingPatience, 0, owner, nameof(EarlyStoppingPatience));
            OptionChecks.Check(GradientClip >= 0 && !double.IsInfinity(GradientClip), owner, nameof(GradientClip), GradientClip, "≥ 0 and finite (0 = off)");
            OptionChecks.NetworkShape(ShapeValues(), owner);
            OptionChecks.Between(MaxSpeakers, 1, OptionChecks.MaxSpeakerEmbeddings, owner, nameof(MaxSpeakers));
            OptionChecks.Between(ConsistencySamples, 1, 8, owner, nameof(ConsistencySamples));
            OptionChecks.Check(ConsistencyWeight >= 0 && double.IsFinite(ConsistencyWeight), owner, nameof(ConsistencyWeight), ConsistencyWeight, "≥ 0 and finite");
            OptionChecks.Check(ConsistencyTemperature > 0 && ConsistencyTemperature <= 1, owner, nameof(ConsistencyTemperature), ConsistencyTemperature, "in (0, 1]");
            OptionChecks.AtLeast(ConsistencyRampEpochs, 1, owner, nameof(ConsistencyRampEpochs));
            if (CheckpointDirectory is not null && string.IsNullOrWhiteSpace(CheckpointDirectory))
                throw new ArgumentException($"{owner}.{nameof(CheckpointDirectory)} must be null (off) or a folder path.", nameof(CheckpointDirectory));
        }

        internal NetworkShapeValues ShapeValues() => new(HiddenSize, ModelSize, LstmLayers, Heads, TransformerHeads, Dropout, DropNode,
            SpeakerGraphLayers, ContextEncoder, LatentOperator, LateFusion);
    }
}
