namespace RevoVoice.Telephony.Sdp;

public static class MediaDirections
{
    /// <summary>The answer's direction for an offer's: sendonly is answered recvonly and vice versa (RFC 3264 6.1).</summary>
    public static MediaDirection Answer(this MediaDirection offered) => offered switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        _ => offered,
    };

    public static bool CanSend(this MediaDirection direction) => direction is MediaDirection.SendRecv or MediaDirection.SendOnly;

    public static bool CanReceive(this MediaDirection direction) => direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;

    public static string ToAttribute(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    public static MediaDirection? FromAttribute(string name) => name switch
    {
        "sendrecv" => MediaDirection.SendRecv,
        "sendonly" => MediaDirection.SendOnly,
        "recvonly" => MediaDirection.RecvOnly,
        "inactive" => MediaDirection.Inactive,
        _ => null,
    };
}
