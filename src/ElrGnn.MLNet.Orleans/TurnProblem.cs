namespace ElrGnn.MLNet.Orleans;

/// <summary>Why a turn was refused: the request field at fault and a message naming conversation and turn.</summary>
/// <param name="Field">The field, e.g. "speaker", "turn", "features.Audio".</param>
/// <param name="Message">What is wrong, naming the conversation and turn.</param>
/// <param name="Turn">The turn number when known.</param>
[GenerateSerializer, Alias("ElrGnn.TurnProblem")]
public sealed record TurnProblem([property: Id(0)] string Field, [property: Id(1)] string Message, [property: Id(2)] int? Turn = null);
