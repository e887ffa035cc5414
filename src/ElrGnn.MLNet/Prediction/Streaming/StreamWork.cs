namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// The work one streamed turn took (a count, not a time): LSTM steps over all directions and Bi-LSTMs, and nodes run
/// through the graph branches, AIM and classifier. On the incremental path both are bounded by the context window
/// (see <see cref="StreamingNetwork"/>); on the full-rerun fallback they grow with the history.
/// </summary>
/// <param name="LstmSteps">LSTM cell steps (forward step plus backward suffix, summed over the Bi-LSTMs).</param>
/// <param name="Nodes">Utterances whose H was recomputed and which went through the head.</param>
/// <param name="Incremental">True on the incremental path; false for a full rerun of the history.</param>
internal sealed record StreamWork(int LstmSteps, int Nodes, bool Incremental);
