namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Reusable scratch memory of <see cref="GeneralizedForwardPush"/>: dense per-node arrays plus
/// touched lists, so the push loop allocates nothing and resets only what it touched. One
/// workspace per thread; not thread-safe. Grows to the largest conversation seen.
/// </summary>
public sealed class PushWorkspace
{
    /// <summary>Creates a workspace sized for conversations of up to <paramref name="capacity"/> utterances (it grows on demand).</summary>
    /// <param name="capacity">Initial node capacity ≥ 0 (default 0).</param>
    public PushWorkspace(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Allocate(capacity);
    }

    /// <summary>Number of nodes the dense arrays can hold without growing.</summary>
    public int Capacity => Reserve.Length;

    // Dense per-node state; every entry is back to 0/false between sources.
    internal double[] Reserve = [];
    internal double[] Residual = [];
    internal double[] NextResidual = [];
    internal bool[] InFrontier = [];
    internal bool[] InNextFrontier = [];
    internal bool[] InReserve = [];

    // Node lists: current/next frontier, nodes with a reserve entry, top-k candidates/heap.
    internal int[] Frontier = [];
    internal int[] NextFrontier = [];
    internal int[] ReserveList = [];
    internal int[] Candidates = [];
    internal int ReserveCount;

    // Growable output of the current conversation.
    internal int[] OutColumn = new int[64];
    internal float[] OutWeight = new float[64];

    internal void EnsureCapacity(int nodes)
    {
        if (nodes > Capacity)
            Allocate(Math.Max(nodes, 2 * Capacity));
    }

    internal void EnsureOutput(int entries)
    {
        if (entries <= OutColumn.Length)
            return;
        int size = Math.Max(entries, 2 * OutColumn.Length);
        Array.Resize(ref OutColumn, size);
        Array.Resize(ref OutWeight, size);
    }

    private void Allocate(int n)
    {
        Reserve = new double[n];
        Residual = new double[n];
        NextResidual = new double[n];
        InFrontier = new bool[n];
        InNextFrontier = new bool[n];
        InReserve = new bool[n];
        Frontier = new int[n];
        NextFrontier = new int[n];
        ReserveList = new int[n];
        Candidates = new int[n];
        ReserveCount = 0;
    }
}
