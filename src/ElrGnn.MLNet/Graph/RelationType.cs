namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Relation type r(i, j) of an edge j → i in the speaker-relation graph (spec §2.2, 5-type scheme):
/// self, same speaker before/after, other speaker before/after. Values are the int32 codes stored in
/// <see cref="SpeakerRelationGraph.Relation"/>.
/// </summary>
public enum RelationType
{
    /// <summary>j = i.</summary>
    Self = 0,

    /// <summary>Same speaker, j earlier than i.</summary>
    IntraPast = 1,

    /// <summary>Same speaker, j later than i.</summary>
    IntraFuture = 2,

    /// <summary>Different speaker, j earlier than i.</summary>
    InterPast = 3,

    /// <summary>Different speaker, j later than i.</summary>
    InterFuture = 4,
}
