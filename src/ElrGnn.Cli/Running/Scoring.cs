using System.Diagnostics;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Running;

/// <summary>Scores data with a trained pipeline and reads back one <see cref="ScoredUtterance"/> per row.</summary>
internal static class Scoring
{
    /// <summary>The scored rows, in input order, and the wall time of scoring (transform and read).</summary>
    public sealed record Result(IReadOnlyList<ScoredUtterance> Rows, double Seconds, int UnknownLabels)
    {
        /// <summary>Utterances scored per second.</summary>
        public double UtterancesPerSecond => Seconds > 0 ? Rows.Count / Seconds : 0;
    }

    /// <summary>Runs <paramref name="model"/> on <paramref name="data"/>; whole conversations are scored in batches.</summary>
    /// <param name="model">The full pipeline (its output has Score and, when the input has labels, a Label key column).</param>
    /// <param name="labels">Class names in Score slot order.</param>
    /// <param name="data">Raw rows.</param>
    public static Result Score(ITransformer model, IReadOnlyList<string> labels, IDataView data)
    {
        var watch = Stopwatch.StartNew();
        var output = model.Transform(data);
        var schema = output.Schema;
        var labelIndex = labels.Select((l, k) => (l, k)).ToDictionary(p => p.l, p => p.k, StringComparer.Ordinal);

        var score = schema[ElrGnnTransformer.ScoreColumnName];
        var needed = new List<DataViewSchema.Column> { score, schema[ConversationColumns.ConversationId], schema[ConversationColumns.Turn], schema[ConversationColumns.Speaker] };
        var utteranceColumn = schema.GetColumnOrNull(ConversationColumns.Utterance);
        var labelColumn = schema.GetColumnOrNull(ConversationColumns.Label);
        needed.AddRange(new[] { utteranceColumn, labelColumn }.Where(c => c is not null).Select(c => c!.Value));

        var rows = new List<ScoredUtterance>();
        int unknown = 0;
        using (var cursor = output.GetRowCursor(needed))
        {
            var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
            var id = TextReader(cursor, schema[ConversationColumns.ConversationId]);
            var speaker = TextReader(cursor, schema[ConversationColumns.Speaker]);
            var utterance = utteranceColumn is { } u ? TextReader(cursor, u) : () => "";
            var turn = IntReader(cursor, schema[ConversationColumns.Turn]);
            var truth = labelColumn is { } l ? LabelReader(cursor, l) : () => null;
            var buffer = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                scoreGetter(ref buffer);
                var p = buffer.DenseValues().ToArray();
                string? name = truth();
                int t = -1;
                if (!string.IsNullOrEmpty(name) && !labelIndex.TryGetValue(name, out t))
                {
                    t = -1;
                    unknown++;
                }
                rows.Add(new ScoredUtterance(id(), turn(), speaker(), utterance(), t, NetworkPredictor.ArgMax(p, p.Length)[0], p));
            }
        }
        watch.Stop();
        return new Result(rows, watch.Elapsed.TotalSeconds, unknown);
    }

    private static Func<string> TextReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        var value = default(ReadOnlyMemory<char>);
        return () => { getter(ref value); return value.ToString(); };
    }

    private static Func<int> IntReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type.RawType == typeof(int))
        {
            var getter = cursor.GetGetter<int>(column);
            int value = 0;
            return () => { getter(ref value); return value; };
        }
        if (column.Type.RawType == typeof(long))
        {
            var getter = cursor.GetGetter<long>(column);
            long value = 0;
            return () => { getter(ref value); return checked((int)value); };
        }
        throw new CliUsageException($"The '{column.Name}' column must hold integers, not {column.Type}.");
    }

    // After the pipeline the label is a key whose values are the training labels; raw text labels are read as they are.
    private static Func<string?> LabelReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is TextDataViewType)
            return TextReader(cursor, column);
        if (column.Type is KeyDataViewType && column.Type.RawType == typeof(uint))
        {
            var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
            column.Annotations.GetValue("KeyValues", ref keyValues);
            var names = keyValues.DenseValues().Select(v => v.ToString()).ToArray();
            var getter = cursor.GetGetter<uint>(column);
            uint key = 0;
            return () => { getter(ref key); return key == 0 || key > names.Length ? null : names[key - 1]; };
        }
        return () => null;
    }
}
