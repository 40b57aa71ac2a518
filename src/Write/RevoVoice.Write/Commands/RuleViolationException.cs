namespace RevoVoice.Write.Commands;

/// <summary>The command breaks a domain rule whatever the state (answers 422): e.g. a skill level of 9.</summary>
public sealed class RuleViolationException(string message) : Exception(message);
