namespace RevoVoice.EventStore;

/// <summary>
/// What the appender believes about the stream's current revision (EventStoreDB semantics):
/// <see cref="Any"/>, <see cref="NoStream"/>, <see cref="StreamExists"/>, or <see cref="Exact"/> revision n
/// (the revision of the stream's last event; the first event of a stream has revision 0).
/// </summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2, NoStreamValue = -1, StreamExistsValue = -4;

    private ExpectedRevision(long value) => Value = value;

    /// <summary>The raw code: -2 any, -1 no stream, -4 stream exists, otherwise the exact revision (as EventStoreDB encodes it).</summary>
    public long Value { get; }

    /// <summary>No check: append whatever the stream's state.</summary>
    public static ExpectedRevision Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet (or be soft-deleted).</summary>
    public static ExpectedRevision NoStream { get; } = new(NoStreamValue);

    /// <summary>The stream must exist and hold at least one event.</summary>
    public static ExpectedRevision StreamExists { get; } = new(StreamExistsValue);

    /// <summary>The stream's last event must have exactly this revision.</summary>
    public static ExpectedRevision Exact(long revision) => revision >= 0
        ? new ExpectedRevision(revision)
        : throw new ArgumentOutOfRangeException(nameof(revision), revision, "An exact revision is 0 or more.");

    /// <summary>True for <see cref="Exact"/> expectations.</summary>
    public bool IsExact => Value >= 0;

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NoStreamValue => "no stream",
        StreamExistsValue => "stream exists",
        _ => $"revision {Value}",
    };
}
