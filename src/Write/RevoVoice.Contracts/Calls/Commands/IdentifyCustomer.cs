namespace RevoVoice.Contracts.Calls;

/// <summary>The caller was identified (by an agent or by the bot) as this registered customer.</summary>
public sealed record IdentifyCustomer(Guid CommandId, Guid CallId, Guid CustomerId);
