using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Hosting;
using ElrGnn.MLNet.Orleans;

namespace ElrGnn.WebApi;

/// <summary>Builds the service: predictor pool (hot reload), embedded Orleans silo, health, OpenAPI, the endpoints.</summary>
internal static class ServiceApp
{
    /// <summary>Configuration key (and command-line option <c>--model</c>) of the model zip.</summary>
    public const string ModelKey = "model";

    /// <summary>Configuration key of the folder where a model trained at start-up is kept.</summary>
    public const string DataFolderKey = "dataFolder";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddLiveConversations()
            .FromLoader(ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>.DefaultModelName, ModelLoader)
            .Configure(o => o.ConfigureMLContext = ml => ml.RegisterUtteranceEmbeddings())
            .ConfigureBatching(o => builder.Configuration.GetSection("Batching").Bind(o));
        builder.Services.AddHealthChecks().AddConversationModelCheck<ConversationTurnInput, ConversationTurnOutput>(tags: "ready");
        // Read when the host is built, so settings given by a test host or the command line apply.
        builder.Host.UseOrleans((context, silo) =>
        {
            var orleans = context.Configuration.GetSection("Orleans");
            silo.UseLocalhostClustering(orleans.GetValue("SiloPort", 11111), orleans.GetValue("GatewayPort", 30000));
            silo.AddMemoryGrainStorage(ConversationGrain.StorageName);
        });

        var app = builder.Build();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        ServiceEndpoints.Map(app);
        return app;
    }

    // The model path is read when the pool is created (after all configuration sources are in).
    private static ConversationModelLoader ModelLoader(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        string? path = configuration[ModelKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            string folder = configuration[DataFolderKey] ?? Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ElrGnn.WebApi");
            path = DefaultModel.PathIn(folder);
            return new TrainingFileLoader(path, services.GetRequiredService<ILogger<TrainingFileLoader>>());
        }
        return new FileConversationModelLoader(path, watchForChanges: true);
    }
}
