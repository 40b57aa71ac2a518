namespace RevoVoice.Contracts.Calls;

/// <summary>One entity the NLU extracted from an utterance (e.g. <c>account_number</c> = <c>12345</c>).</summary>
public sealed record IntentEntity(string Name, string Value);
