namespace RevoVoice.Contracts.Calls;

/// <summary>Media: a call arrived. The call id is chosen by the caller of the API, so a retried StartCall cannot create a second call.</summary>
public sealed record StartCall(Guid CommandId, Guid CallId, string CallerNumber, string CalledNumber);
