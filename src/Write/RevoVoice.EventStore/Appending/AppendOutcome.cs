namespace RevoVoice.EventStore;

/// <summary>
/// One append's answer from the database: for <see cref="AppendStatus.Appended"/> and
/// <see cref="AppendStatus.AlreadyAppended"/> the stream revision and log position of its last event; for a
/// refusal the stream's actual revision (-1 when there is no stream).
/// </summary>
internal readonly record struct AppendOutcome(AppendStatus Status, long Revision, long LogPosition);
