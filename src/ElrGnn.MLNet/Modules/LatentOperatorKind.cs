namespace ElrGnn.MLNet.Modules;

/// <summary>Form of the latent-relation branch that reads the precomputed propagation Π (spec §2.4, §6 #8).</summary>
public enum LatentOperatorKind
{
    /// <summary>Emotional relation-aware operator: softmax(e_ij + log Π̃_ij) over the top-k, then W_z (default [INF]).</summary>
    RelationAware = 0,

    /// <summary>GRAND+-exact propagation z_i = Σ_j Π̃_ij h_j / Σ_j Π̃_ij, no learned scores (ablation).</summary>
    PlainPropagation = 1,
}
