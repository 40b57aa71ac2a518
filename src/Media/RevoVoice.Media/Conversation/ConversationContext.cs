namespace RevoVoice.Media.Conversation;

/// <summary>The call a policy is talking on.</summary>
public sealed record ConversationContext(Guid CallId, string Caller, string Callee);
