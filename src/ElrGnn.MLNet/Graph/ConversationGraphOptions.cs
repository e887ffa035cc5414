using System.Text.Json.Serialization;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Internal;

namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Options of the propagation graph: input columns and the dilated GFP precompute Π (spec §2.3). The
/// speaker-relation graph's window (spec §2.2) is the trainer's <c>SpeakerGraphPastWindow</c> /
/// <c>SpeakerGraphFutureWindow</c>. Defaults come from <see cref="GraphDefaults"/> (spec §3.1, IEMOCAP);
/// <see cref="ForMeld"/> gives the MELD preset. Choices marked [INF] in the spec are options here, never constants.
/// </summary>
public sealed class ConversationGraphOptions
{
    /// <summary>Conversation id column. Default <see cref="ConversationColumns.ConversationId"/>; non-empty.</summary>
    public string ConversationIdColumnName { get; set; } = ConversationColumns.ConversationId;

    /// <summary>Turn (position) column that orders utterances. Default <see cref="ConversationColumns.Turn"/>; non-empty.</summary>
    public string TurnColumnName { get; set; } = ConversationColumns.Turn;

    /// <summary>Speaker column. Default <see cref="ConversationColumns.Speaker"/>; non-empty.</summary>
    public string SpeakerColumnName { get; set; } = ConversationColumns.Speaker;

    /// <summary>
    /// Reading of "dilated" [INF]: <see cref="DilationMode.DilatedEdges"/> (option A, default) pushes
    /// on a graph with links at multiples of δ; <see cref="DilationMode.HopOrders"/> (option B) pushes
    /// on the window graph of <see cref="HopOrderPastWindow"/> / <see cref="HopOrderFutureWindow"/> and keeps only hop
    /// orders that are multiples of δ.
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

    /// <summary>Past window of option B's window graph (edges 1 ≤ |i − j| ≤ max(past, future)); used by
    /// <see cref="DilationMode.HopOrders"/> only. Not the speaker-relation graph's window (that is the trainer's
    /// <c>SpeakerGraphPastWindow</c>). Default 10 (<see cref="GraphDefaults.HopOrderPastWindow"/>); range ≥ 0.
    /// Model files saved before the rename store it as "PastWindow"; they still load.</summary>
    public int HopOrderPastWindow { get; set; } = GraphDefaults.HopOrderPastWindow;

    /// <summary>Future window of option B's window graph (edges 1 ≤ |i − j| ≤ max(past, future)); used by
    /// <see cref="DilationMode.HopOrders"/> only. Not the speaker-relation graph's window (that is the trainer's
    /// <c>SpeakerGraphFutureWindow</c>). Default 10 (<see cref="GraphDefaults.HopOrderFutureWindow"/>); range ≥ 0.
    /// Model files saved before the rename store it as "FutureWindow"; they still load.</summary>
    public int HopOrderFutureWindow { get; set; } = GraphDefaults.HopOrderFutureWindow;

    // JSON names of model files saved before the rename: read into the new properties, never written.
    [JsonInclude, JsonPropertyName("PastWindow"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private int? LegacyPastWindow
    {
        get => null;
        set { if (value is { } v) HopOrderPastWindow = v; }
    }

    [JsonInclude, JsonPropertyName("FutureWindow"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private int? LegacyFutureWindow
    {
        get => null;
        set { if (value is { } v) HopOrderFutureWindow = v; }
    }

    /// <summary>IEMOCAP preset (spec §3.1): the defaults.</summary>
    /// <returns>New options.</returns>
    public static ConversationGraphOptions ForIemocap() => new();

    /// <summary>MELD preset (spec §3.1): K = 16, δ = 2 (short dialogues); the rest as default.</summary>
    /// <returns>New options.</returns>
    public static ConversationGraphOptions ForMeld() => new() { TopK = GraphDefaults.MeldTopK, Dilation = GraphDefaults.MeldDilation };

    /// <summary>Checks every option; a message names the option, e.g. "ConversationGraphOptions.TopK must be ≥ 1".</summary>
    /// <exception cref="ArgumentException">A column name is empty (the parameter name is the option's).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the parameter name is the option's).</exception>
    public void Validate()
    {
        const string owner = nameof(ConversationGraphOptions);
        OptionChecks.NonEmpty(ConversationIdColumnName, owner, nameof(ConversationIdColumnName));
        OptionChecks.NonEmpty(TurnColumnName, owner, nameof(TurnColumnName));
        OptionChecks.NonEmpty(SpeakerColumnName, owner, nameof(SpeakerColumnName));
        OptionChecks.Defined(DilationMode, owner, nameof(DilationMode));
        OptionChecks.Defined(PropagationMode, owner, nameof(PropagationMode));
        OptionChecks.AtLeast(Dilation, 1, owner, nameof(Dilation));
        OptionChecks.AtLeast(DilatedLinks, 0, owner, nameof(DilatedLinks));
        OptionChecks.AtLeast(LocalWindow, 0, owner, nameof(LocalWindow));
        OptionChecks.Check(Alpha > 0 && Alpha <= 1, owner, nameof(Alpha), Alpha, "in (0, 1]");
        OptionChecks.Between(Order, 0, 64, owner, nameof(Order));
        OptionChecks.Check(RMax >= 0 && RMax <= 1, owner, nameof(RMax), RMax, "in [0, 1]");
        OptionChecks.AtLeast(TopK, 1, owner, nameof(TopK));
        OptionChecks.AtLeast(HopOrderPastWindow, 0, owner, nameof(HopOrderPastWindow));
        OptionChecks.AtLeast(HopOrderFutureWindow, 0, owner, nameof(HopOrderFutureWindow));
        OptionChecks.Check(!(DilationMode == DilationMode.HopOrders && PropagationMode == PropagationMode.Single && Order % Dilation != 0),
            owner, nameof(Order), Order, $"a multiple of Dilation ({Dilation}) when PropagationMode is Single and DilationMode is HopOrders");
    }
}
