using System.Text;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Sip.Transport;

/// <summary>
/// Builds the 400 Bad Request for a request that failed to parse, when enough of it survives to address a
/// response (a request line, a Via, From, To, Call-ID and CSeq line). Responses and hopeless garbage get nothing
/// (RFC 3261 18.1.2/18.2.1: a malformed message is discarded if no response can be built).
/// </summary>
internal static class BadRequestResponder
{
    public static byte[]? TryBuild(ReadOnlySpan<byte> datagram, string reason)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(datagram);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var first = lines.FirstOrDefault(l => l.Length > 0) ?? "";
        if (first.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) || first.Split(' ').Length < 2) return null;
        var method = first.Split(' ')[0];
        if (!SipMessageParser.IsToken(method) || method == SipMethods.Ack) return null; // never answer an ACK

        string? Find(string name)
        {
            foreach (var line in lines)
            {
                var colon = line.IndexOf(':');
                if (colon <= 0) continue;
                var header = SipHeaderNames.Normalize(line[..colon].Trim());
                if (header == name) return line[(colon + 1)..].Trim();
            }
            return null;
        }

        var via = Find(SipHeaderNames.Via);
        var from = Find(SipHeaderNames.From);
        var to = Find(SipHeaderNames.To);
        var callId = Find(SipHeaderNames.CallId);
        var cseq = Find(SipHeaderNames.CSeq);
        if (via is null || from is null || to is null || string.IsNullOrEmpty(callId) || cseq is null) return null;
        try
        {
            ViaHeader.Parse(HeaderParameters.SplitList(via).FirstOrDefault() ?? "");
        }
        catch (SipParseException)
        {
            return null;
        }
        var phrase = "Bad Request (" + new string(reason.Where(c => c >= ' ' && c < 127).Take(100).ToArray()) + ")";
        var response = new SipResponse(SipStatus.BadRequest, phrase,
        [
            new(SipHeaderNames.Via, via), new(SipHeaderNames.From, from), new(SipHeaderNames.To, to),
            new(SipHeaderNames.CallId, callId), new(SipHeaderNames.CSeq, cseq),
        ]);
        return response.ToBytes();
    }
}
