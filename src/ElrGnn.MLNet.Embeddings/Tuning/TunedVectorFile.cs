namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// The tuned-encoder cache's file of out-of-fold training vectors, so that a cache hit of a cross-fitted tuning gives
/// the training rows exactly the vectors a fresh fit gives.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format ***
///   int32   magic 0x56465843 ("CXFV"), int32 version (1), int32 rows, int32 dimension (384)
///   rows ×  (string row key, dimension × float32)
/// </code>
/// </remarks>
internal static class TunedVectorFile
{
    private const int Magic = 0x56465843;
    private const int Version = 1;

    public static void Write(string path, IReadOnlyDictionary<string, float[]> vectors)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(vectors.Count);
        writer.Write(UtteranceEmbeddingDefaults.Dimension);
        foreach (var (key, vector) in vectors)
        {
            writer.Write(key);
            foreach (var value in vector)
                writer.Write(value);
        }
    }

    /// <summary>The vectors, or null when the file is missing, of another format or damaged.</summary>
    public static Dictionary<string, float[]>? TryRead(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
                return null;
            var rows = reader.ReadInt32();
            var dimension = reader.ReadInt32();
            if (rows < 0 || dimension != UtteranceEmbeddingDefaults.Dimension)
                return null;
            var vectors = new Dictionary<string, float[]>(rows, StringComparer.Ordinal);
            for (var r = 0; r < rows; r++)
            {
                var key = reader.ReadString();
                var vector = new float[dimension];
                for (var d = 0; d < dimension; d++)
                    vector[d] = reader.ReadSingle();
                vectors[key] = vector;
            }
            return reader.BaseStream.Position == reader.BaseStream.Length ? vectors : null;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException)
        {
            return null;
        }
    }
}
