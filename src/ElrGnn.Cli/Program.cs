using ElrGnn.Cli;

// elrgnn: train, evaluate and run ELR-GNN emotion-recognition models from the command line.
return await CliApp.RunAsync(args);
