namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>One header line; <see cref="Name"/> is canonical (full form, usual capitalisation), <see cref="Value"/> unfolded and trimmed.</summary>
public readonly record struct SipHeader(string Name, string Value);
