using System.Diagnostics;

namespace RevoVoice.EventStore;

/// <summary>
/// Metadata stored with every event: correlation id, causation id, the acting user or service, and the
/// W3C trace context. When <see cref="TraceParent"/> is not given, the store captures it from
/// <see cref="Activity.Current"/> at append time.
/// </summary>
public sealed record EventMetadata(
    string? CorrelationId = null,
    string? CausationId = null,
    string? Actor = null,
    string? TraceParent = null,
    string? TraceState = null)
{
    /// <summary>No metadata (the trace context is still captured on append).</summary>
    public static EventMetadata Empty { get; } = new();

    /// <summary>Metadata for an event caused by <paramref name="cause"/>: same correlation, causation = its event id.</summary>
    public static EventMetadata CausedBy(ResolvedEvent cause, string? actor = null) =>
        new(cause.Metadata.CorrelationId ?? cause.EventId.ToString(), cause.EventId.ToString(), actor ?? cause.Metadata.Actor);
}
