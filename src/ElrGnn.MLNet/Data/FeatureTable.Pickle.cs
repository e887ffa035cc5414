using ElrGnn.MLNet.Data.Pickle;

namespace ElrGnn.MLNet.Data;

internal sealed partial class FeatureTable
{
    private static readonly string[] PickleModalities = [ConversationColumns.Text, ConversationColumns.Audio, ConversationColumns.Visual];

    /// <summary>
    /// The vectors of a community feature pickle (read safely by <see cref="CommunityFeatureFile"/>): key = dialogue
    /// id and list index (turn 0, 1, …); modalities "Text", "Audio", "Visual" (case-insensitive).
    /// </summary>
    /// <exception cref="ConversationDataException">A modality is unknown or absent from the file.</exception>
    public static FeatureTable FromCommunityPickle(string path, IReadOnlyList<string> modalities)
    {
        var file = CommunityFeatureFile.Load(path);
        string description = $"feature pickle '{Path.GetFileName(path)}'";
        var selectors = new Func<CommunityDialogue, float[][]?>[modalities.Count];
        var dimensions = new int[modalities.Count];
        for (int m = 0; m < modalities.Count; m++)
        {
            string canonical = PickleModalities.FirstOrDefault(p => string.Equals(p, modalities[m], StringComparison.OrdinalIgnoreCase))
                ?? throw UnknownModality(modalities[m], description, PickleModalities);
            (selectors[m], dimensions[m]) = canonical switch
            {
                ConversationColumns.Text => (d => d.Text, file.TextSize),
                ConversationColumns.Audio => ((Func<CommunityDialogue, float[][]?>)(d => d.Audio), file.AudioSize),
                _ => (d => d.Visual, file.VisualSize),
            };
            if (dimensions[m] == 0)
                throw new ConversationDataException($"{description} has no {canonical} vectors ({file.Layout} layout).", modalities[m]);
        }

        var table = new FeatureTable(description, modalities, dimensions);
        foreach (var dialogue in file.Dialogues)
        {
            var perModality = selectors.Select(s => s(dialogue)).ToArray();
            for (int turn = 0; turn < dialogue.Length; turn++)
            {
                var vectors = new float[modalities.Count][];
                for (int m = 0; m < vectors.Length; m++)
                {
                    vectors[m] = perModality[m] is { } all && turn < all.Length ? all[turn]
                        : throw new ConversationDataException($"{description} has no vector for this utterance.", modalities[m], dialogue.Id, turn);
                }
                table.Add(dialogue.Id, turn, vectors);
            }
        }
        return table;
    }
}
