namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>One validated turn in the network's layout: conversation id, turn, speaker and one feature vector per modality.</summary>
internal sealed record StreamTurn(string ConversationId, int Turn, string Speaker, float[][] Features);
