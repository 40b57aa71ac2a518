namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>A SIP message (or one of its headers) is malformed; the message says what and where.</summary>
public sealed class SipParseException(string message) : FormatException(message);
