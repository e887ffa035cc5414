using System.Net;
using System.Net.Sockets;
using ElrGnn.WebApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ElrGnn.MLNet.Hosting.Tests.WebApi;

/// <summary>The Web API sample in-process, serving a copy of a tiny model, with its own Orleans ports.</summary>
internal sealed class ServiceFactory(string modelPath) : WebApplicationFactory<Program>
{
    public string ModelPath { get; } = modelPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ServiceApp.ModelKey, ModelPath);
        builder.UseSetting(ServiceApp.DataFolderKey, TinyModel.NewTempDir());
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
