namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Allocation-free top-k: keeps the k largest values, ties broken by the lower index, using a
/// bounded min-heap whose root is the worst kept entry. O(count · log k).
/// </summary>
internal static class TopKSelection
{
    /// <summary>
    /// Reorders <paramref name="items"/>[0..count) so that its first k entries are the k best
    /// (unsorted); returns k.
    /// </summary>
    public static int SelectInPlace(int[] items, int count, double[] values, int k)
    {
        // items[0..k) is the heap; every later candidate either replaces the root or is discarded.
        for (int i = k / 2 - 1; i >= 0; i--)
            SiftDown(items, i, k, values);
        for (int i = k; i < count; i++)
        {
            if (Better(items[i], items[0], values))
            {
                items[0] = items[i];
                SiftDown(items, 0, k, values);
            }
        }
        return k;
    }

    /// <summary>a ranks above b: larger value, or equal value and lower index.</summary>
    public static bool Better(int a, int b, double[] values) =>
        values[a] > values[b] || (values[a] == values[b] && a < b);

    private static void SiftDown(int[] heap, int i, int size, double[] values)
    {
        while (true)
        {
            int worst = i, l = 2 * i + 1, r = l + 1;
            if (l < size && Better(heap[worst], heap[l], values)) worst = l;
            if (r < size && Better(heap[worst], heap[r], values)) worst = r;
            if (worst == i)
                return;
            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }
}
