namespace RevoVoice.Telephony.Sdp;

/// <summary>A session description is malformed; the message says which line.</summary>
public sealed class SdpParseException(string message) : FormatException(message);
