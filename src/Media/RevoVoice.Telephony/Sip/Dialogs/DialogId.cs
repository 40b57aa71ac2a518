namespace RevoVoice.Telephony.Sip.Dialogs;

/// <summary>A dialog's identity (RFC 3261 12): Call-ID and both tags, from our point of view.</summary>
public readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag);
