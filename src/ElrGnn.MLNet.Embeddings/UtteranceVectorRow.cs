using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Features;

/// <summary>Output row of the embedding custom mapping: the 384-d vector, under a private column name.</summary>
internal sealed class UtteranceVectorRow
{
    /// <summary>The embedding; always <see cref="UtteranceEmbeddingDefaults.Dimension"/> values.</summary>
    [ColumnName(UtteranceEmbeddingMappingFactory.OutputColumn)]
    [VectorType(UtteranceEmbeddingDefaults.Dimension)]
    public float[] Vector = [];
}
