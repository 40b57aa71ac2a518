namespace RevoVoice.Contracts.Calls;

/// <summary>Media: a recording of the call was stored at <paramref name="Path"/>.</summary>
public sealed record RecordCallRecording(Guid CommandId, Guid CallId, string Path, double DurationSeconds);
