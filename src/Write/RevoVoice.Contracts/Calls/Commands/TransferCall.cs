namespace RevoVoice.Contracts.Calls;

/// <summary>The assigned agent hands the call back to a queue.</summary>
public sealed record TransferCall(Guid CommandId, Guid CallId, Guid AgentId, string ToQueue, IReadOnlyList<string>? Skills, int Priority, string Reason);
