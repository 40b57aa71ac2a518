namespace RevoVoice.Write.Commands;

/// <summary>Concurrent writers kept changing the stream between read and append, past the retry budget (answers 409).</summary>
public sealed class ConcurrencyConflictException(string streamId, int attempts, Exception inner)
    : Exception($"Stream '{streamId}' kept changing under concurrent writers; gave up after {attempts} attempts. Retry the command.", inner);
