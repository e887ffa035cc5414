using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// The <see cref="System.Diagnostics.Metrics"/> instruments of the serving components, on meter
/// <see cref="MeterName"/>: turns scored, scoring latency, batch sizes and model loads, tagged with the model name.
/// </summary>
public sealed class ConversationPredictorMetrics : IDisposable
{
    /// <summary>The meter's name (use it in <c>AddMeter</c> / <c>dotnet-counters</c>).</summary>
    public const string MeterName = "ElrGnn.MLNet.Hosting";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _latency;
    private readonly Histogram<long> _batchSize;
    private readonly Counter<long> _loads;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a meter of its own.</summary>
    public ConversationPredictorMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _turns = _meter.CreateCounter<long>("elrgnn.turns_scored", "{turn}", "Utterances scored (whole conversations and live turns).");
        _latency = _meter.CreateHistogram<double>("elrgnn.scoring.duration", "ms", "Wall time of one scoring call (a request or a batch).");
        _batchSize = _meter.CreateHistogram<long>("elrgnn.batch.size", "{turn}", "Live turns scored together by the dynamic batcher.");
        _loads = _meter.CreateCounter<long>("elrgnn.model.loads", "{load}", "Model versions loaded (first load and reloads).");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter => _meter;

    /// <summary>Records one scoring call of <paramref name="turns"/> utterances that started at <paramref name="startTimestamp"/>.</summary>
    public void RecordScoring(string model, int turns, long startTimestamp)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        _turns.Add(turns, tag);
        _latency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tag);
    }

    /// <summary>Records the size of one dynamic batch.</summary>
    public void RecordBatch(string model, int size) => _batchSize.Record(size, new KeyValuePair<string, object?>("model", model));

    /// <summary>Records a model load.</summary>
    public void RecordLoad(string model) => _loads.Add(1, new KeyValuePair<string, object?>("model", model));

    /// <summary>Disposes the meter when it is not the factory's.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
            _meter.Dispose();
    }
}
