namespace RevoVoice.Contracts.Calls;

/// <summary>Media: the bot answered.</summary>
public sealed record AnswerCall(Guid CommandId, Guid CallId);
