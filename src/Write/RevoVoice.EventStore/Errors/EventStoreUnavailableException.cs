namespace RevoVoice.EventStore;

/// <summary>
/// The database could not be reached or the connection broke mid-operation. For an append the outcome is
/// unknown: retry with the same event ids (appends are idempotent) to find out.
/// </summary>
public sealed class EventStoreUnavailableException(string operation, Exception inner)
    : EventStoreException($"The event store database is unavailable during {operation}: {inner.Message}", inner)
{
    /// <summary>What was being done.</summary>
    public string Operation { get; } = operation;
}
