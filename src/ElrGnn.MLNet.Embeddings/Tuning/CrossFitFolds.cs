namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// Assigns training rows to cross-fitting folds by conversation: all rows of a conversation share a fold, so the
/// encoder that embeds a fold was tuned without any turn of those conversations. Conversations are shuffled with the
/// seed, then dealt round-robin, so fold sizes differ by at most one conversation.
/// </summary>
internal static class CrossFitFolds
{
    /// <summary>The fold in [0, <paramref name="folds"/>) of each row.</summary>
    /// <param name="groups">Conversation id per row.</param>
    /// <param name="folds">k ≥ 2; at most the number of distinct conversations.</param>
    /// <param name="seed">Shuffle seed.</param>
    /// <exception cref="ArgumentException">Fewer conversations than folds.</exception>
    public static int[] Assign(IReadOnlyList<string> groups, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var distinct = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length < folds)
            throw new ArgumentException($"Cross-fitting with {folds} folds needs at least {folds} conversations; the training rows have {distinct.Length}.", nameof(folds));
        new Random(seed).Shuffle(distinct);
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
            foldOf[distinct[i]] = i % folds;
        return [.. groups.Select(g => foldOf[g])];
    }

    /// <summary>Rows an encoder for <paramref name="fold"/> is tuned on: every row of another fold.</summary>
    public static int[] TrainingRows(int[] foldOfRow, int fold)
        => [.. Enumerable.Range(0, foldOfRow.Length).Where(i => foldOfRow[i] != fold)];

    /// <summary>Rows whose vectors come from the encoder of <paramref name="fold"/>.</summary>
    public static int[] HeldOutRows(int[] foldOfRow, int fold)
        => [.. Enumerable.Range(0, foldOfRow.Length).Where(i => foldOfRow[i] == fold)];
}
