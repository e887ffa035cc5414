using ElrGnn.MLNet;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Training;
using Microsoft.ML;

namespace ElrGnn.WebApi;

/// <summary>The model served when no <c>--model</c> is given: ELR-GNN on the embedded synthetic conversations, a few epochs.</summary>
internal static class DefaultModel
{
    /// <summary>Epochs of the start-up training (quick; the point is a working service, not accuracy).</summary>
    public const int Epochs = 4;

    public static string PathIn(string folder) => System.IO.Path.Combine(folder, "synthetic-model.zip");

    /// <summary>Trains and saves the model at <paramref name="path"/> (written to a temporary file, then renamed).</summary>
    public static void Train(string path)
    {
        var ml = new MLContext(seed: 1);
        var data = new SyntheticConversations(new SyntheticConversationsOptions { NumberOfConversations = 120 });
        var train = data.ToDataView(ml, SyntheticConversations.TrainSplit);
        var pipeline = ml.Transforms.Conversion.MapValueToKey(ConversationColumns.Label)
            .Append(ml.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions()))
            .Append(ml.MulticlassClassification.Trainers.ElrGnn(new ElrGnnTrainer.Options
            {
                FeatureColumnNames = [ConversationColumns.Text, ConversationColumns.Audio, ConversationColumns.Visual],
                LabelColumnName = ConversationColumns.Label,
                ValidationSet = data.ToDataView(ml, SyntheticConversations.ValidSplit),
                MaxEpochs = Epochs,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(train);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        ml.Model.Save(model, train.Schema, temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
