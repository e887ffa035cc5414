using ElrGnn.MLNet.Prediction;

namespace ElrGnn.MLNet.Hosting;

/// <summary>A live turn waiting in the batcher's queue, with the model version its stream belongs to.</summary>
internal sealed class PendingTurn<TInput, TOutput>(ConversationModel<TInput, TOutput> model, ConversationStream<TInput, TOutput> stream, TInput turn)
    where TInput : class
    where TOutput : class, new()
{
    public ConversationModel<TInput, TOutput> Model { get; } = model;

    public ConversationStream<TInput, TOutput> Stream { get; } = stream;

    public TInput Turn { get; } = turn;

    public TaskCompletionSource<TOutput> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
