using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// The rows of a data view as the tuned encoder sees them, in the view's row order: the encoder's input text (the
/// utterance, after its past turns when those are on), the class index (−1 = no label), the conversation (the
/// grouping unit of hold-out and cross-fitting) and the key that finds a training row again in <c>Transform</c>.
/// </summary>
internal sealed class UtteranceRows
{
    public UtteranceRows(string[] inputs, int[] labels, string[] groups, string[] keys, LabelMap labelMap)
    {
        Inputs = inputs;
        Labels = labels;
        Groups = groups;
        Keys = keys;
        LabelMap = labelMap;
    }

    /// <summary>Encoder input per row ("" for an empty utterance without context).</summary>
    public string[] Inputs { get; }

    /// <summary>Class index per row, −1 when the row has no label (or labels were not read).</summary>
    public int[] Labels { get; }

    /// <summary>Conversation id per row; without a conversation column, each row is its own group.</summary>
    public string[] Groups { get; }

    /// <summary>Conversation, turn and input of the row: equal keys mean the same encoder input in the same place.</summary>
    public string[] Keys { get; }

    /// <summary>Class names (empty when labels were not read).</summary>
    public LabelMap LabelMap { get; }

    public int Count => Inputs.Length;

    /// <summary>The rows at <paramref name="indices"/>, same label map.</summary>
    public UtteranceRows Subset(IReadOnlyList<int> indices) => new(
        [.. indices.Select(i => Inputs[i])], [.. indices.Select(i => Labels[i])],
        [.. indices.Select(i => Groups[i])], [.. indices.Select(i => Keys[i])], LabelMap);
}
