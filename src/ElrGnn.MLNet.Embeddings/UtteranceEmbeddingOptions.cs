namespace ElrGnn.MLNet.Features;

/// <summary>Options of <see cref="UtteranceEmbeddingEstimator"/>: the columns plus the embedder options.</summary>
public sealed class UtteranceEmbeddingOptions : UtteranceEmbedderOptions
{
    /// <summary>Text column holding one utterance per row. Default "Utterance".</summary>
    public string InputColumnName = UtteranceEmbeddingDefaults.InputColumnName;

    /// <summary>
    /// Column created by the transform: a known-size vector of 384 <see cref="float"/> values. Default "Text".
    /// A column of the same name in the input is hidden.
    /// </summary>
    public string OutputColumnName = UtteranceEmbeddingDefaults.OutputColumnName;

    /// <summary>Throws naming the first invalid option.</summary>
    internal new void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(InputColumnName))
            throw new ArgumentException($"{nameof(UtteranceEmbeddingOptions)}.{nameof(InputColumnName)} must be a column name.", nameof(InputColumnName));
        if (string.IsNullOrWhiteSpace(OutputColumnName))
            throw new ArgumentException($"{nameof(UtteranceEmbeddingOptions)}.{nameof(OutputColumnName)} must be a column name.", nameof(OutputColumnName));
    }
}
