using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Options of the conversation graphs: input columns, the speaker-relation window (spec §2.2) and
/// the dilated GFP precompute (spec §2.3). Defaults come from <see cref="GraphDefaults"/> (spec §3.1,
/// IEMOCAP); <see cref="ForMeld"/> gives the MELD preset. Choices marked [INF] in the spec are
/// options here, never constants.
/// </summary>
public sealed class ConversationGraphOptions
{
    /// <summary>Conversation id column. Default <see cref="ConversationColumns.ConversationId"/>; non-empty.</summary>
    public string ConversationIdColumnName { get; set; } = GraphDefaults.ConversationIdColumnName;

    /// <summary>Turn (position) column that orders utterances. Default <see cref="ConversationColumns.Turn"/>; non-empty.</summary>
    public string TurnColumnName { get; set; } = GraphDefaults.TurnColumnName;

    /// <summary>Speaker column. Default <see cref="ConversationColumns.Speaker"/>; non-empty.</summary>
    public string SpeakerColumnName { get; set; } = GraphDefaults.SpeakerColumnName;

    /// <summary>
    /// Reading of "dilated" [INF]: <see cref="DilationMode.DilatedEdges"/> (option A, default) pushes
    /// on a graph with links at multiples of δ; <see cref="DilationMode.HopOrders"/> (option B) pushes
    /// on the p/f window graph and keeps only hop orders that are multiples of δ.
    /// </summary>
    public DilationMode DilationMode { get; set; } = GraphDefaults.DilationMode;

    /// <summary>Dilation δ [INF]. Default 4 (MELD preset 2); range ≥ 1.</summary>
    public int Dilation { get; set; } = GraphDefaults.Dilation;

    /// <summary>Dilated links per side L (edges at |i − j| = ℓ·δ, ℓ = 1..L) [INF]. Default 4; range ≥ 0. Option A only.</summary>
    public int DilatedLinks { get; set; } = GraphDefaults.DilatedLinks;

    /// <summary>Local band half-width w_loc (edges at 1 ≤ |i − j| ≤ w_loc) [INF]. Default 1; range ≥ 0. Option A only.</summary>
    public int LocalWindow { get; set; } = GraphDefaults.LocalWindow;

    /// <summary>Also link each utterance to the previous and next turn of the same speaker [INF]. Default false.</summary>
    public bool SpeakerLinks { get; set; } = GraphDefaults.SpeakerLinks;

    /// <summary>Hop coefficients w_n (GRAND+ <c>prop_mode</c>). Default <see cref="PropagationMode.Ppr"/>.</summary>
    public PropagationMode PropagationMode { get; set; } = GraphDefaults.PropagationMode;

    /// <summary>PPR teleport probability α (w_n ∝ α(1 − α)ⁿ). Default 0.1; range (0, 1]. Used by <see cref="PropagationMode.Ppr"/> only.</summary>
    public double Alpha { get; set; } = GraphDefaults.Alpha;

    /// <summary>Propagation order N_ord (hops). Default 6; range [0, 64].</summary>
    public int Order { get; set; } = GraphDefaults.Order;

    /// <summary>Push threshold r_max: residuals below r_max·deg(v) are dropped. Default 1e-4; range [0, 1]; 0 = exact.</summary>
    public double RMax { get; set; } = GraphDefaults.RMax;

    /// <summary>Entries kept per row of Π, K (ties: lower column). Default 32 (MELD preset 16); range ≥ 1.</summary>
    public int TopK { get; set; } = GraphDefaults.TopK;

    /// <summary>
    /// Rescale each kept row of Π to sum 1 at precompute time [INF]. Default false: the relation-aware
    /// operator normalises its weights at use time (after DropNode), as GRAND+ does, so stored rows keep
    /// the raw truncated-series values.
    /// </summary>
    public bool RenormalizeRows { get; set; } = GraphDefaults.RenormalizeRows;

    /// <summary>Past window p of option B's window graph (edges 1 ≤ |i − j| ≤ max(p, f)); used by <see cref="DilationMode.HopOrders"/>
    /// only. The speaker-relation graph's window is the trainer's own <c>PastWindow</c>. Default 10; range ≥ 0.</summary>
    public int PastWindow { get; set; } = GraphDefaults.PastWindow;

    /// <summary>Future window f of option B's window graph (edges 1 ≤ |i − j| ≤ max(p, f)); used by <see cref="DilationMode.HopOrders"/>
    /// only. The speaker-relation graph's window is the trainer's own <c>FutureWindow</c>. Default 10; range ≥ 0.</summary>
    public int FutureWindow { get; set; } = GraphDefaults.FutureWindow;

    /// <summary>IEMOCAP preset (spec §3.1): the defaults.</summary>
    /// <returns>New options.</returns>
    public static ConversationGraphOptions ForIemocap() => new();

    /// <summary>MELD preset (spec §3.1): K = 16, δ = 2 (short dialogues); the rest as default.</summary>
    /// <returns>New options.</returns>
    public static ConversationGraphOptions ForMeld() => new() { TopK = GraphDefaults.MeldTopK, Dilation = GraphDefaults.MeldDilation };

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">A column name is empty (the parameter name is the option's).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the parameter name is the option's).</exception>
    public void Validate()
    {
        RequireName(ConversationIdColumnName, nameof(ConversationIdColumnName));
        RequireName(TurnColumnName, nameof(TurnColumnName));
        RequireName(SpeakerColumnName, nameof(SpeakerColumnName));
        if (!Enum.IsDefined(DilationMode))
            throw Range(nameof(DilationMode), DilationMode, "a defined DilationMode");
        if (!Enum.IsDefined(PropagationMode))
            throw Range(nameof(PropagationMode), PropagationMode, "a defined PropagationMode");
        if (Dilation < 1)
            throw Range(nameof(Dilation), Dilation, "≥ 1");
        if (DilatedLinks < 0)
            throw Range(nameof(DilatedLinks), DilatedLinks, "≥ 0");
        if (LocalWindow < 0)
            throw Range(nameof(LocalWindow), LocalWindow, "≥ 0");
        if (!(Alpha > 0 && Alpha <= 1))
            throw Range(nameof(Alpha), Alpha, "in (0, 1]");
        if (Order < 0 || Order > 64)
            throw Range(nameof(Order), Order, "in [0, 64]");
        if (!(RMax >= 0 && RMax <= 1))
            throw Range(nameof(RMax), RMax, "in [0, 1]");
        if (TopK < 1)
            throw Range(nameof(TopK), TopK, "≥ 1");
        if (PastWindow < 0)
            throw Range(nameof(PastWindow), PastWindow, "≥ 0");
        if (FutureWindow < 0)
            throw Range(nameof(FutureWindow), FutureWindow, "≥ 0");
        if (DilationMode == DilationMode.HopOrders && PropagationMode == PropagationMode.Single && Order % Dilation != 0)
            throw Range(nameof(Order), Order, $"a multiple of Dilation ({Dilation}) when PropagationMode is Single and DilationMode is HopOrders");
    }

    private static void RequireName(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{option} must be a non-empty column name.", option);
    }

    private static ArgumentOutOfRangeException Range(string option, object value, string range) =>
        new(option, value, $"{option} must be {range}.");
}
