using ElrGnn.MLNet.Modules;

namespace ElrGnn.MLNet.Internal;

/// <summary>The values <see cref="OptionChecks.NetworkShape"/> checks (same names as the options they come from).</summary>
internal readonly record struct NetworkShapeValues(int HiddenSize, int ModelSize, int LstmLayers, int Heads, int TransformerHeads,
    double Dropout, double DropNode, int SpeakerGraphLayers, ContextEncoderKind ContextEncoder, LatentOperatorKind LatentOperator,
    LateFusionKind LateFusion);
