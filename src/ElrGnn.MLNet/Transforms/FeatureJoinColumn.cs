namespace ElrGnn.MLNet.Transforms;

/// <summary>One vector column to attach: the output column and the feature of the source it comes from.</summary>
public sealed class FeatureJoinColumn
{
    /// <summary>Creates the column.</summary>
    /// <param name="name">Output column name (e.g. "Audio").</param>
    /// <param name="source">
    /// The feature in the source: a pickle modality ("Text", "Audio", "Visual"), a CSV column prefix ("audio" for
    /// audio_0, audio_1, …) or an in-memory table's column name. Null (default) = <paramref name="name"/>.
    /// </param>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public FeatureJoinColumn(string name, string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (source is not null)
            ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Name = name;
        Source = source ?? name;
    }

    /// <summary>The output column name.</summary>
    public string Name { get; }

    /// <summary>The feature's name in the source (pickle modality, CSV prefix or column name).</summary>
    public string Source { get; }

    /// <inheritdoc />
    public override string ToString() => Name == Source ? Name : $"{Name} <- {Source}";
}
