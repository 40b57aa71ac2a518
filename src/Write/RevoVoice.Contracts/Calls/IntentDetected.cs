namespace RevoVoice.Contracts.Calls;

/// <summary>The NLU recognised an intent in an utterance; entity values may identify the caller, so they are personal data.</summary>
[EventType("intent-detected.v1")]
public sealed record IntentDetected(Guid CallId, Guid UtteranceId, string Intent, double Confidence, [property: PersonalData] IReadOnlyList<IntentEntity> Entities);
