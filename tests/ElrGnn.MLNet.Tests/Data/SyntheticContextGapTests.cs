using ElrGnn.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Data;

/// <summary>
/// The synthetic labels must depend on context: a linear classifier on an utterance's own
/// features must score clearly below the same classifier given context features as well.
/// </summary>
[TestClass]
public sealed class SyntheticContextGapTests
{
    [TestMethod]
    public void ContextFeatures_RaiseLinearAccuracyByAtLeastTenPoints()
    {
        var generator = new SyntheticConversations(new SyntheticConversationsOptions
        {
            Seed = 11,
            NumberOfConversations = 300,
            MinLength = 8,
            MaxLength = 16,
            TrainFraction = 0.7,
            ValidFraction = 0,
        });
        var ml = new MLContext(seed: 1);
        var train = new ConversationReader().Read(generator.ToDataView(ml, SyntheticConversations.TrainSplit));
        var test = new ConversationReader(new ConversationReaderOptions { LabelNames = train.LabelNames })
            .Read(generator.ToDataView(ml, SyntheticConversations.TestSplit));

        double contextFree = Accuracy(ml, train, test, withContext: false);
        double contextual = Accuracy(ml, train, test, withContext: true);

        Console.WriteLine($"context-free {contextFree:F3}, contextual {contextual:F3}");
        Assert.IsGreaterThanOrEqualTo(0.10, contextual - contextFree, $"context-free {contextFree:F3}, contextual {contextual:F3}");
        Assert.IsGreaterThan(1.5 / train.Labels.Count, contextFree, "own features must still carry signal");
    }

    private static double Accuracy(MLContext ml, ConversationSet train, ConversationSet test, bool withContext)
    {
        int dimension = train.FeatureDimensions.Sum() * (withContext ? 6 : 1);
        var schema = SchemaDefinition.Create(typeof(ContextRow));
        schema[nameof(ContextRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(Rows(train, withContext), schema));
        var predictions = model.Transform(ml.Data.LoadFromEnumerable(Rows(test, withContext), schema));
        return ml.MulticlassClassification.Evaluate(predictions).MicroAccuracy;
    }

    /// <summary>
    /// One row per utterance: own features, optionally followed by the speaker-history mean, the
    /// same speaker's next utterance, the previous and next utterances, and the opening-turn mean.
    /// </summary>
    private static IEnumerable<ContextRow> Rows(ConversationSet set, bool withContext)
    {
        foreach (var c in set.Conversations)
        {
            var x = Enumerable.Range(0, c.Length).Select(i => Own(c, i)).ToArray();
            int d = x[0].Length;
            var opening = Mean(x.Take(2), d);
            for (int i = 0; i < c.Length; i++)
            {
                var features = x[i];
                if (withContext)
                {
                    int s = c.SpeakerIndex[i];
                    var history = Mean(Enumerable.Range(0, i).Where(j => c.SpeakerIndex[j] == s).Select(j => x[j]), d);
                    int nextSame = Enumerable.Range(i + 1, c.Length - i - 1).FirstOrDefault(j => c.SpeakerIndex[j] == s, -1);
                    features = [.. x[i], .. history, .. At(x, nextSame, d), .. At(x, i - 1, d), .. At(x, i + 1, d), .. opening];
                }
                yield return new ContextRow { Label = set.Labels[c.Labels[i]], Features = features };
            }
        }
    }

    private static float[] Own(Conversation c, int i) =>
        c.Features.SelectMany((matrix, m) => matrix.AsSpan(i * (matrix.Length / c.Length), matrix.Length / c.Length).ToArray()).ToArray();

    private static float[] At(float[][] x, int i, int d) => i >= 0 && i < x.Length ? x[i] : new float[d];

    private static float[] Mean(IEnumerable<float[]> vectors, int d)
    {
        var sum = new float[d];
        int n = 0;
        foreach (var v in vectors)
        {
            for (int k = 0; k < d; k++)
                sum[k] += v[k];
            n++;
        }
        return n == 0 ? sum : sum.Select(v => v / n).ToArray();
    }
}
