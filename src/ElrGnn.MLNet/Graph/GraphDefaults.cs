namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Default values of the conversation graphs (spec §3.1, IEMOCAP column): the speaker-relation graph's window and the
/// dilated GFP precompute. The single source for <see cref="ConversationGraphOptions"/>, the trainer's speaker-graph
/// window, the presets and the documentation. Column names are <see cref="Data.ConversationColumns"/>'s.
/// </summary>
public static class GraphDefaults
{
    /// <summary>Default reading of "dilated": <see cref="DilationMode.DilatedEdges"/> (spec option A).</summary>
    public const DilationMode DilationMode = Graph.DilationMode.DilatedEdges;

    /// <summary>Dilation δ: 4 (IEMOCAP); MELD preset 2.</summary>
    public const int Dilation = 4;

    /// <summary>Dilation δ of the MELD preset: 2 (dialogues are short).</summary>
    public const int MeldDilation = 2;

    /// <summary>Dilated links per side L: 4.</summary>
    public const int DilatedLinks = 4;

    /// <summary>Local band half-width w_loc: 1.</summary>
    public const int LocalWindow = 1;

    /// <summary>Links to the previous/next turn of the same speaker: off.</summary>
    public const bool SpeakerLinks = false;

    /// <summary>Hop coefficients: <see cref="PropagationMode.Ppr"/> (GRAND+ default).</summary>
    public const PropagationMode PropagationMode = Graph.PropagationMode.Ppr;

    /// <summary>PPR teleport probability α: 0.1 (GRAND+ default).</summary>
    public const double Alpha = 0.1;

    /// <summary>Propagation order N_ord: 6 (GRAND+ default).</summary>
    public const int Order = 6;

    /// <summary>Push threshold r_max: 1e-4 (GRAND+ default).</summary>
    public const double RMax = 1e-4;

    /// <summary>Entries kept per row of Π, K: 32 (GRAND+ default, IEMOCAP).</summary>
    public const int TopK = 32;

    /// <summary>Entries kept per row of Π in the MELD preset: 16.</summary>
    public const int MeldTopK = 16;

    /// <summary>Renormalise each kept row to sum 1 at precompute time: off (the operator normalises).</summary>
    public const bool RenormalizeRows = false;

    /// <summary>Past window p of the speaker-relation graph (spec §2.2, the trainer's <c>SpeakerGraphPastWindow</c>): 10
    /// (DialogueGCN default).</summary>
    public const int SpeakerGraphPastWindow = 10;

    /// <summary>Future window f of the speaker-relation graph (spec §2.2, the trainer's <c>SpeakerGraphFutureWindow</c>): 10
    /// (DialogueGCN default).</summary>
    public const int SpeakerGraphFutureWindow = 10;

    /// <summary>Past window of option B's window graph (<see cref="DilationMode.HopOrders"/>): the speaker graph's, 10
    /// (spec §2.3 (B): "keep the ordinary window graph").</summary>
    public const int HopOrderPastWindow = SpeakerGraphPastWindow;

    /// <summary>Future window of option B's window graph (<see cref="DilationMode.HopOrders"/>): the speaker graph's, 10.</summary>
    public const int HopOrderFutureWindow = SpeakerGraphFutureWindow;
}
