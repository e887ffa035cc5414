using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Features;

/// <summary>Input row of the embedding custom mapping: the utterance, copied to a private column name.</summary>
internal sealed class UtteranceTextRow
{
    /// <summary>The utterance text; a missing value arrives as "".</summary>
    [ColumnName(UtteranceEmbeddingMappingFactory.InputColumn)]
    public string Text = string.Empty;
}
