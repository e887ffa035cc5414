namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>How the four RoBERTa layer vectors of the COSMIC files become one Text vector.</summary>
public enum RobertaTextMode
{
    /// <summary>Element-wise mean of roberta1..roberta4 (1024-d for RoBERTa-large).</summary>
    Average,

    /// <summary>roberta1 ‖ roberta2 ‖ roberta3 ‖ roberta4 (4096-d for RoBERTa-large).</summary>
    Concatenate,

    /// <summary>roberta1 only (COSMIC's last hidden layer).</summary>
    LastLayer,
}
