using System.Text;

namespace RevoVoice.Telephony.Sip.Messages;

public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reason = null, List<SipHeader>? headers = null, ReadOnlyMemory<byte> body = default)
        : base(headers ?? [], body)
    {
        StatusCode = statusCode;
        Reason = reason ?? SipStatus.ReasonPhrase(statusCode);
    }

    public int StatusCode { get; }

    public string Reason { get; }

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// A response to <paramref name="request"/> as RFC 3261 8.2.6 builds it: Via, From, Call-ID, CSeq copied,
    /// To copied with <paramref name="toTag"/> added when it has none (not for 100 Trying).
    /// </summary>
    public static SipResponse For(SipRequest request, int statusCode, string? toTag = null, string? reason = null)
    {
        var headers = new List<SipHeader>(8);
        foreach (var header in request.Headers)
        {
            // Record-Route is echoed in responses that can create a dialog (RFC 3261 12.1.1).
            if (header.Name == SipHeaderNames.Via || (header.Name == SipHeaderNames.RecordRoute && statusCode is > 100 and < 300))
                headers.Add(header);
        }
        headers.Add(new SipHeader(SipHeaderNames.From, request[SipHeaderNames.From]!));
        var to = toTag is not null && statusCode > 100 && request.To.Tag is null
            ? request.To.WithTag(toTag).ToString()
            : request[SipHeaderNames.To]!;
        headers.Add(new SipHeader(SipHeaderNames.To, to));
        headers.Add(new SipHeader(SipHeaderNames.CallId, request.CallId));
        headers.Add(new SipHeader(SipHeaderNames.CSeq, request[SipHeaderNames.CSeq]!));
        return new SipResponse(statusCode, reason, headers);
    }

    protected override void WriteStartLine(StringBuilder builder) =>
        builder.Append("SIP/2.0 ").Append(StatusCode).Append(' ').Append(Reason);
}
