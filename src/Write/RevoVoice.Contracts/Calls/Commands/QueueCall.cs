namespace RevoVoice.Contracts.Calls;

/// <summary>Put an escalated call in a queue for agents with these skills (higher priority first).</summary>
public sealed record QueueCall(Guid CommandId, Guid CallId, string Queue, IReadOnlyList<string>? Skills, int Priority);
