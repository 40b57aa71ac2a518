namespace RevoVoice.Contracts.Calls;

/// <summary>The agent handed the call back to a queue; a <c>CallQueued</c> follows in the same append.</summary>
[EventType("call-transferred.v1")]
public sealed record CallTransferred(Guid CallId, Guid FromAgentId, string ToQueue, string Reason, DateTimeOffset TransferredAt);
