namespace ElrGnn.MLNet.Data;

/// <summary>
/// Bad conversation data: names the column, conversation and turn where they are known, so the
/// user can find the offending row.
/// </summary>
public sealed class ConversationDataException : InvalidOperationException
{
    /// <summary>Creates the exception; the message is prefixed with whatever location is known.</summary>
    public ConversationDataException(string message, string? column = null, string? conversationId = null, int? turn = null, Exception? inner = null)
        : base(Format(message, column, conversationId, turn), inner)
    {
        Column = column;
        ConversationId = conversationId;
        Turn = turn;
    }

    /// <summary>The column at fault, if known.</summary>
    public string? Column { get; }

    /// <summary>The conversation at fault, if known.</summary>
    public string? ConversationId { get; }

    /// <summary>The turn at fault, if known.</summary>
    public int? Turn { get; }

    private static string Format(string message, string? column, string? conversationId, int? turn)
    {
        var where = new List<string>(3);
        if (column is not null) where.Add($"column '{column}'");
        if (conversationId is not null) where.Add($"conversation '{conversationId}'");
        if (turn is not null) where.Add($"turn {turn}");
        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}
