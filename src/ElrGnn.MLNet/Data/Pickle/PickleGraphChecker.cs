using System.Collections;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Final check of an unpickled result, iterative so hostile input cannot overflow the call stack:
/// nesting no deeper than the limit (memo references can nest containers in ways the stack never
/// sees), no cycles, every numpy array filled by BUILD and no bare global references.
/// </summary>
internal static class PickleGraphChecker
{
    private const int InProgress = -1;

    public static void Check(object? root, int maxDepth, long offset)
    {
        CheckLeaf(root, offset);
        var children = Children(root);
        if (children is null)
            return;
        // Height of each finished container, or InProgress while it is on the path (a revisit = cycle).
        var heights = new Dictionary<object, int>(ReferenceEqualityComparer.Instance) { [root!] = InProgress };
        var path = new List<Frame> { new(root!, children) };
        while (path.Count > 0)
        {
            var frame = path[^1];
            if (!frame.Children.MoveNext())
            {
                path.RemoveAt(path.Count - 1);
                heights[frame.Node] = frame.Height + 1;
                if (path.Count > 0)
                    path[^1].Height = Math.Max(path[^1].Height, frame.Height + 1);
                continue;
            }
            var child = frame.Children.Current;
            CheckLeaf(child, offset);
            var grandChildren = Children(child);
            if (grandChildren is null)
                continue;
            if (heights.TryGetValue(child!, out int height))
            {
                if (height == InProgress)
                    throw new PickleFormatException("the result contains a cycle (a container inside itself), which is not supported.", offset);
                if (path.Count + height > maxDepth)
                    throw TooDeep(maxDepth, offset);
                frame.Height = Math.Max(frame.Height, height);
                continue;
            }
            if (path.Count + 1 > maxDepth)
                throw TooDeep(maxDepth, offset);
            heights[child!] = InProgress;
            path.Add(new Frame(child!, grandChildren));
        }
    }

    private static void CheckLeaf(object? value, long offset)
    {
        if (value is NumpyArray { IsInitialized: false })
            throw new PickleFormatException("a numpy array was reconstructed but never given its data (BUILD).", offset);
        if (value is PickleGlobal g)
            throw new PickleFormatException($"the result contains a bare reference to '{g.FullName}' instead of data.", offset);
    }

    private static IEnumerator<object?>? Children(object? value) => value switch
    {
        List<object?> list => list.GetEnumerator(),
        object?[] tuple => ((IEnumerable<object?>)tuple).GetEnumerator(),
        Dictionary<object, object?> dict => dict.Values.GetEnumerator(),
        HashSet<object?> set => set.GetEnumerator(),
        _ => null,
    };

    private static PickleFormatException TooDeep(int maxDepth, long offset) =>
        new($"containers are nested deeper than {maxDepth} levels (UnpicklerLimits.MaxNestingDepth).", offset);

    private sealed class Frame(object node, IEnumerator<object?> children)
    {
        public object Node { get; } = node;
        public IEnumerator<object?> Children { get; } = children;
        public int Height { get; set; }
    }
}
