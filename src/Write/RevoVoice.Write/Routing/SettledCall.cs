namespace RevoVoice.Write.Routing;

/// <summary>A call that was assigned or ended at <see cref="SettledAt"/> (event time), in the board's memory.</summary>
public sealed record SettledCall(Guid CallId, DateTimeOffset SettledAt);
