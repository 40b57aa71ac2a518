namespace RevoVoice.Contracts;

/// <summary>What an accepted command answers: the stream it wrote and the stream's revision after it. A retried command (same command id) answers the same result again.</summary>
public sealed record CommandResult(Guid CommandId, string StreamId, long Revision);
