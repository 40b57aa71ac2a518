namespace RevoVoice.Telephony.Sdp;

/// <summary>The SDP direction attribute (RFC 3264 5.1, 6.1), seen from the side that wrote it.</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
