using System.Diagnostics;
using System.Diagnostics.Metrics;
using RevoVoice.ServiceDefaults;

namespace RevoVoice.Write.Commands;

/// <summary>What the write side reports about its commands: how many, how they ended, how long they took, how often streams collided.</summary>
public sealed class CommandMetrics
{
    private readonly Counter<long> _commands;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _retries;

    public CommandMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(RevoVoiceTelemetry.MeterName);
        _commands = meter.CreateCounter<long>("revovoice.write.commands", description: "Commands handled, by aggregate and outcome");
        _duration = meter.CreateHistogram<double>("revovoice.write.command.duration", unit: "ms", description: "Time to decide and append a command");
        _retries = meter.CreateCounter<long>("revovoice.write.concurrency_retries", description: "Appends retried after another writer changed the stream");
    }

    public void Handled(string aggregate, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "aggregate", aggregate }, { "outcome", outcome } };
        _commands.Add(1, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
    }

    public void Retried(string aggregate) => _retries.Add(1, new KeyValuePair<string, object?>("aggregate", aggregate));
}
