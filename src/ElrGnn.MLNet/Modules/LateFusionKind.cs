namespace ElrGnn.MLNet.Modules;

/// <summary>Where the adaptive late fusion of the AIM mixes its streams (spec §2.5, §6 #11).</summary>
public enum LateFusionKind
{
    /// <summary>Node-wise attention over the stream representations, then one classifier (default [INF]).</summary>
    Representation = 0,

    /// <summary>One classifier head per stream; the node-wise weights mix their log-probabilities.</summary>
    Logit = 1,
}
