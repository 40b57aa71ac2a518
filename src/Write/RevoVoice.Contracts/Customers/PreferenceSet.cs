namespace RevoVoice.Contracts.Customers;

/// <summary>A customer preference (language, preferred channel...) was set.</summary>
[EventType("preference-set.v1")]
public sealed record PreferenceSet(Guid CustomerId, string Key, string Value, DateTimeOffset SetAt);
