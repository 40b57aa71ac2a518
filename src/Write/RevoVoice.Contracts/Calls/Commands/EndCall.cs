namespace RevoVoice.Contracts.Calls;

/// <summary>The call is over (hang-up, bot finished, agent ended it).</summary>
public sealed record EndCall(Guid CommandId, Guid CallId, string Reason);
