namespace RevoVoice.Contracts.Calls;

/// <summary>The NLU result sent with a turn.</summary>
public sealed record DetectedIntent(string Name, double Confidence, IReadOnlyList<IntentEntity>? Entities);
