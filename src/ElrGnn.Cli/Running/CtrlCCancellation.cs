namespace ElrGnn.Cli.Running;

/// <summary>
/// The first Ctrl-C cancels <see cref="Token"/> (training stops after the current batch and keeps the best model);
/// a second one ends the process as usual.
/// </summary>
internal sealed class CtrlCCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _messages;

    /// <summary>Starts listening for Ctrl-C; messages go to <paramref name="messages"/>.</summary>
    public CtrlCCancellation(TextWriter messages)
    {
        _messages = messages;
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Cancelled by the first Ctrl-C.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
            return; // second Ctrl-C: let the process end
        e.Cancel = true;
        _messages.WriteLine("Ctrl-C: stopping after the current batch and keeping the best model so far (press Ctrl-C again to abort).");
        _source.Cancel();
    }
}
