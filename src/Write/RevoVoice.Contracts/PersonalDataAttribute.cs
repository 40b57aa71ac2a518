namespace RevoVoice.Contracts;

/// <summary>
/// Marks a field that holds personal data (names, phone numbers, spoken text, free-text notes). The event
/// store encrypts such fields with the data subject's key, so forgetting the subject makes them unreadable.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class PersonalDataAttribute : Attribute;
