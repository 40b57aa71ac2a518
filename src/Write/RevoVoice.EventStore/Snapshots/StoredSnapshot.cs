namespace RevoVoice.EventStore;

/// <summary>A saved state (JSON) and the global position of the last event folded into it.</summary>
public sealed record StoredSnapshot(long Position, string State);
