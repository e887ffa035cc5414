using System.Reflection;
using ElrGnn.MLNet.Persistence;
using ElrGnn.ModelProbe;
using Microsoft.ML;

// Loads a model zip in a fresh process, transforms the given input rows and prints the chosen output columns as
// JSON. Tests use it to prove a saved model loads and scores identically outside the process that trained it.
var options = ProbeOptions.Parse(args, out var usageError);
if (options is null)
{
    Console.Error.WriteLine($"error: {usageError}");
    Console.Error.WriteLine(ProbeOptions.Usage);
    return 1;
}

try
{
    var mlContext = new MLContext(seed: 1);
    // Components defined outside the library (test-only transformers) are registered from their assembly.
    foreach (var path in options.Assemblies)
        LoadableRegistry.RegisterAssembly(mlContext, Assembly.LoadFrom(Path.GetFullPath(path)));
    var model = ElrGnnComponents.Load(mlContext, options.ModelPath, out var inputSchema);
    if (inputSchema is null)
        throw new InvalidOperationException("the model was saved without its input schema");

    var input = InputDataView.Create(mlContext, inputSchema, InputRows.Read(options.InputPath));
    using var stdout = Console.OpenStandardOutput();
    OutputJson.Write(model.Transform(input), options.Columns, stdout);
    return 0;
}
catch (ModelFileException ex)
{
    Console.Error.WriteLine($"model file error: {ex.Message}");
    return 2;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"error: {ex}");
    return 3;
}
