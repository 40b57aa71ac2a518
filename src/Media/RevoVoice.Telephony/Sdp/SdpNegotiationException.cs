namespace RevoVoice.Telephony.Sdp;

/// <summary>Offer/answer found nothing acceptable (answer 488 Not Acceptable Here with this reason).</summary>
public sealed class SdpNegotiationException(string message) : Exception(message);
