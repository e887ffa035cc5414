using System.Diagnostics;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;
using ElrGnn.MLNet.Tests.Modules;

namespace ElrGnn.MLNet.Tests.Scratch;

[TestClass]
public sealed class ProfileScratch
{
    private sealed class Cpu
    {
        private TimeSpan _start = Process.GetCurrentProcess().TotalProcessorTime;
        public double Elapsed => (Process.GetCurrentProcess().TotalProcessorTime - _start).TotalSeconds;
        public void Restart() => _start = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [TestMethod]
    public void Profile()
    {
        NetTestData.Torch();
        torch.set_num_threads(1);
        var random = new Random(1);
        var conversations = new List<Conversation>();
        for (int c = 0; c < 108; c++)
        {
            int n = random.Next(20, 110);
            var f = new float[n * 384];
            for (int i = 0; i < f.Length; i++) f[i] = (float)(random.NextDouble() - 0.5);
            conversations.Add(new Conversation($"c{c}", Enumerable.Range(0, n).ToArray(), Enumerable.Range(0, n).Select(i => random.Next(2) == 0 ? "M" : "F").ToArray(),
                Enumerable.Range(0, n).Select(_ => random.Next(6)).ToArray(), [f], Enumerable.Range(0, n).Select(i => (long)i).ToArray()));
        }
        var graph = ConversationGraphOptions.ForIemocap();
        var pi = ConversationGraphPrecompute.Run(conversations.Select(c => c.SpeakerIndex).ToList(), graph);
        foreach (var (name, cfg) in new (string, Func<NetworkConfig, NetworkConfig>)[]
        {
            ("bilstm", c => c with { UseGfpBranch = false, UseSpeakerGraph = false }),
            ("speaker only", c => c with { UseGfpBranch = false, UseEarlyFusion = false, UseLateFusion = false, UseDenoise = false }),
            ("gfp only", c => c with { UseSpeakerGraph = false, UseEarlyFusion = false, UseLateFusion = false, UseDenoise = false }),
            ("gfp plain", c => c with { UseSpeakerGraph = false, UseEarlyFusion = false, UseLateFusion = false, UseDenoise = false, LatentOperator = LatentOperatorKind.PlainPropagation }),
            ("full", c => c),
            ("rgcn6", c => c with { UseGfpBranch = false, SpeakerGraphLayers = 6 }),
        })
        {
            var config = cfg(new NetworkConfig { ModalityDimensions = [384], ClassCount = 6, Dropout = 0.5, DropNode = 0.5, ModelSize = int.Parse(Environment.GetEnvironmentVariable("PROFILE_D") ?? "256") });
            var items = BatchItem.ForNetwork(config, conversations, pi, (10, 10));
            torch.manual_seed(1);
            using var network = new ElrGnnNetwork(config);
            using var optimizer = torch.optim.Adam(network.parameters(), 1e-3);
            network.train();
            double build = 0, fwd = 0, bwd = 0, step = 0;
            for (int epoch = 0; epoch < 3; epoch++)
            {
                for (int s = 0; s < items.Length; s += 16)
                {
                    using var scope = torch.NewDisposeScope();
                    var w = new Cpu();
                    using var batch = BatchBuilder.Build(items.Skip(s).Take(16).ToArray(), config, torch.CPU);
                    if (epoch > 0) build += w.Elapsed;
                    w.Restart();
                    optimizer.zero_grad();
                    var loss = torch.nn.functional.cross_entropy(network.call(batch), batch.Labels);
                    if (epoch > 0) fwd += w.Elapsed;
                    w.Restart();
                    loss.backward();
                    if (epoch > 0) bwd += w.Elapsed;
                    w.Restart();
                    optimizer.step();
                    if (epoch > 0) step += w.Elapsed;
                }
            }
            Console.WriteLine($"PROFILE {name,-14} build {build / 2:F3} fwd {fwd / 2:F3} bwd {bwd / 2:F3} step {step / 2:F3} total {(build + fwd + bwd + step) / 2:F3}");
        }
    }
}
