using ElrGnn.MLNet.Data.Pickle;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>Small unpickled-style object graphs for the layouts the shared samples do not cover.</summary>
internal static class CommunityGraphs
{
    public static List<object?> L(params object?[] items) => [.. items];

    public static NumpyArray V(params float[] values) => new([values.Length], values);

    public static Dictionary<object, object?> D(params (object Key, object? Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value);

    public static List<object?> OneHot(int index) => [.. Enumerable.Range(0, 9).Select(k => (object?)(k == index ? 1L : 0L))];

    /// <summary>roberta layer k (1..4) of utterance t: [10k + t, -k].</summary>
    public static List<object?> RobertaVectors(int layer, int count) =>
        [.. Enumerable.Range(0, count).Select(t => (object?)V(10 * layer + t, -layer))];

    /// <summary>COSMIC iemocap_features_roberta.pkl: d1 (3 utterances, train), d2 (2, test), d3 (1, valid).</summary>
    public static List<object?> IemocapRoberta()
    {
        var speakers = D(("d1", L("M", "F", "M")), ("d2", L("F", "M")), ("d3", L("M")));
        var labels = D(("d1", L(0L, 5L, 2L)), ("d2", L(1L, 3L)), ("d3", L(4L)));
        var sentences = D(("d1", L("a", "b", "c")), ("d2", L("d", "e")), ("d3", L("f")));
        var element = new List<object?> { speakers, labels };
        for (int k = 1; k <= 4; k++)
            element.Add(D(("d1", RobertaVectors(k, 3)), ("d2", RobertaVectors(k, 2)), ("d3", RobertaVectors(k, 1))));
        element.AddRange([sentences, L("d1"), L("d2"), L("d3")]);
        return element;
    }

    /// <summary>COSMIC meld_features_roberta.pkl: int keys 7 (train), 1040 (valid), 1200 (test).</summary>
    public static List<object?> MeldRoberta()
    {
        var element = new List<object?>
        {
            D((7L, L(OneHot(0), OneHot(1))), (1040L, L(OneHot(0))), (1200L, L(OneHot(2)))),
            D((7L, L(6L, 0L)), (1040L, L(4L)), (1200L, L(3L))),
            D((7L, L(2L, 0L)), (1040L, L(1L)), (1200L, L(2L))),
        };
        for (int k = 1; k <= 4; k++)
            element.Add(D((7L, RobertaVectors(k, 2)), (1040L, RobertaVectors(k, 1)), (1200L, RobertaVectors(k, 1))));
        element.AddRange([D((7L, L("x", "y")), (1040L, L("z")), (1200L, L("w"))), L(7L), L(1200L), L(1040L)]);
        return element;
    }

    /// <summary>Older MELD_features_raw.pkl (9 elements, no visual, sentiment last): keys 3 and 1039 train, 1153 test.</summary>
    public static List<object?> MeldRaw() =>
    [
        D((3L, L(0L, 1L)), (1039L, L(0L)), (1153L, L(0L))),
        D((3L, L(OneHot(0), OneHot(1))), (1039L, L(OneHot(0))), (1153L, L(OneHot(0)))),
        D((3L, L(0L, 6L)), (1039L, L(5L)), (1153L, L(1L))),
        D((3L, L(V(1, 2, 3), V(4, 5, 6))), (1039L, L(V(7, 8, 9))), (1153L, L(V(0, 0, 1)))),
        D((3L, L(V(1), V(2))), (1039L, L(V(3))), (1153L, L(V(4)))),
        D((3L, L("s0", "s1")), (1039L, L("t0")), (1153L, L("u0"))),
        L(3L, 1039L),
        L(1153L),
        D((3L, L(0L, 2L)), (1039L, L(1L)), (1153L, L(0L))),
    ];
}
