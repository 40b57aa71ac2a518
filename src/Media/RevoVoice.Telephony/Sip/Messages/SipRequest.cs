using System.Text;

namespace RevoVoice.Telephony.Sip.Messages;

public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, string requestUri, List<SipHeader>? headers = null, ReadOnlyMemory<byte> body = default)
        : base(headers ?? [], body)
    {
        Method = method;
        RequestUri = requestUri;
    }

    public string Method { get; }

    public string RequestUri { get; set; }

    protected override void WriteStartLine(StringBuilder builder) =>
        builder.Append(Method).Append(' ').Append(RequestUri).Append(" SIP/2.0");
}
