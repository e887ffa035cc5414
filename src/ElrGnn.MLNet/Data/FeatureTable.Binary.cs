namespace ElrGnn.MLNet.Data;

/// <remarks>
/// <code>
/// *** Binary format *** (a model's "FeatureTable" entry)
///   string   description
///   int      modality count M
///   M × (string source name, int dimension)
///   int      utterance count N
///   N × (string conversation id, int turn, then per modality dimension × float32)
/// </code>
/// </remarks>
internal sealed partial class FeatureTable
{
    /// <summary>Writes the whole table (see the binary format above).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Description);
        writer.Write(ModalityNames.Length);
        for (int m = 0; m < ModalityNames.Length; m++)
        {
            writer.Write(ModalityNames[m]);
            writer.Write(Dimensions[m]);
        }
        writer.Write(Count);
        foreach (var (key, row) in Keys)
        {
            writer.Write(key.Id);
            writer.Write(key.Turn);
            for (int m = 0; m < ModalityNames.Length; m++)
            {
                foreach (float v in _vectors[m][row])
                    writer.Write(v);
            }
        }
    }

    /// <summary>Reads a table written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">A count or value cannot be right.</exception>
    public static FeatureTable Read(BinaryReader reader)
    {
        string description = reader.ReadString();
        int modalities = reader.ReadInt32();
        if (modalities < 1 || modalities > 1024)
            throw new InvalidDataException($"the feature table has {modalities} modalities");
        var names = new string[modalities];
        var dimensions = new int[modalities];
        for (int m = 0; m < modalities; m++)
        {
            names[m] = reader.ReadString();
            dimensions[m] = reader.ReadInt32();
            if (dimensions[m] < 1 || dimensions[m] > 1 << 24)
                throw new InvalidDataException($"feature '{names[m]}' has dimension {dimensions[m]}");
        }
        int count = reader.ReadInt32();
        if (count < 0)
            throw new InvalidDataException($"the feature table has {count} utterances");
        var table = new FeatureTable(description, names, dimensions);
        for (int r = 0; r < count; r++)
        {
            string id = reader.ReadString();
            int turn = reader.ReadInt32();
            var vectors = new float[modalities][];
            for (int m = 0; m < modalities; m++)
            {
                vectors[m] = new float[dimensions[m]];
                for (int i = 0; i < vectors[m].Length; i++)
                    vectors[m][i] = reader.ReadSingle();
            }
            try
            {
                table.Add(id, turn, vectors);
            }
            catch (ConversationDataException e)
            {
                throw new InvalidDataException($"the saved feature table is invalid: {e.Message}", e);
            }
        }
        return table;
    }
}
