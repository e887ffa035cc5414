using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>The stack of <see cref="MiniLmConfig.Layers"/> <see cref="BertLayer"/>s applied in order.</summary>
/// <remarks>Shapes: x (B, T, 384), additive mask (B, 1, 1, T) → (B, T, 384). Weight names: <c>layer.{l}</c>.</remarks>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoder(string name, double dropoutRate) : base(name)
    {
        layer = new ModuleList<BertLayer>();
        for (var l = 0; l < MiniLmConfig.Layers; l++)
            layer.Add(new BertLayer($"layer{l}", dropoutRate));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var h = x;
        foreach (var l in layer)
            h = l.call(h, additiveMask);
        return h.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            layer.Dispose();
        base.Dispose(disposing);
    }
}
