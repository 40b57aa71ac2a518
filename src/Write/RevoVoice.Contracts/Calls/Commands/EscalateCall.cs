namespace RevoVoice.Contracts.Calls;

/// <summary>Hand the call to a human.</summary>
public sealed record EscalateCall(Guid CommandId, Guid CallId, string Reason);
