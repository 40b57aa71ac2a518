namespace RevoVoice.Contracts.Calls;

/// <summary>A call reached the platform. <c>CustomerId</c> is set when the caller id matched a registered customer.</summary>
[EventType("call-started.v1")]
public sealed record CallStarted(Guid CallId, [property: PersonalData] string CallerNumber, string CalledNumber, Guid? CustomerId, DateTimeOffset StartedAt);
