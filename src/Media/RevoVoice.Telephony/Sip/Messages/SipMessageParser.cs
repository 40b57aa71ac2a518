using System.Text;

namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>
/// Parses one SIP message from a datagram (RFC 3261 7, 25). Tolerant where the RFC asks for it: compact and
/// any-case header names, folded lines, bare LF line ends, leading CRLFs (keep-alives), whitespace around
/// colons, comma-joined list headers. Strict where a mistake would mislead a transaction: the start line, the
/// mandatory headers (Via, From, To, Call-ID, CSeq), CSeq matching the method, Max-Forwards and Content-Length.
/// </summary>
public static class SipMessageParser
{
    public const int MaxMessageBytes = 65_535;

    /// <exception cref="SipParseException">the message is malformed; the text says why.</exception>
    public static SipMessage Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > MaxMessageBytes) throw new SipParseException($"The message is {datagram.Length} bytes; the limit is {MaxMessageBytes}.");
        var start = 0;
        while (start < datagram.Length && datagram[start] is (byte)'\r' or (byte)'\n') start++;
        datagram = datagram[start..];
        if (datagram.IsEmpty) throw new SipParseException("The message is empty.");

        var (headerEnd, bodyStart) = FindHeaderEnd(datagram);
        if (headerEnd < 0) throw new SipParseException("The message has no blank line after its headers (truncated?).");
        var headerText = Encoding.UTF8.GetString(datagram[..headerEnd]);
        var body = datagram[bodyStart..];

        var newline = headerText.IndexOf('\n');
        var startLine = (newline < 0 ? headerText : headerText[..newline]).TrimEnd('\r');
        var headers = new List<SipHeader>(16);
        var position = newline < 0 ? headerText.Length : newline + 1;
        while (position < headerText.Length)
        {
            var end = headerText.IndexOf('\n', position);
            if (end < 0) end = headerText.Length;
            var line = headerText.AsSpan(position, end - position).TrimEnd('\r');
            position = end + 1;
            if (line.IsEmpty) continue;
            if (line[0] is ' ' or '\t')
            {
                // A folded line continues the previous header's value (RFC 3261 7.3.1).
                if (headers.Count == 0) throw new SipParseException("The first header line starts with whitespace.");
                var previous = headers[^1];
                headers[^1] = previous with { Value = previous.Value + " " + line.Trim().ToString() };
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new SipParseException($"Header line '{SipUri.Trim(line.ToString())}' has no name and colon.");
            var name = line[..colon].TrimEnd();
            if (!IsToken(name)) throw new SipParseException($"Header name '{SipUri.Trim(name.ToString())}' is not a token.");
            headers.Add(new SipHeader(SipHeaderNames.Normalize(name), line[(colon + 1)..].Trim().ToString()));
        }

        var message = ParseStartLine(startLine, headers);
        message.Body = ParseBody(message, body);
        Validate(message);
        return message;
    }

    /// <summary>Like <see cref="Parse"/> but returns the reason instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out SipMessage? message, out string? error)
    {
        try
        {
            message = Parse(datagram);
            error = null;
            return true;
        }
        catch (SipParseException e)
        {
            message = null;
            error = e.Message;
            return false;
        }
    }

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~'))
                return false;
        return true;
    }

    private static (int HeaderEnd, int BodyStart) FindHeaderEnd(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length - 1; i++)
        {
            if (data[i] != '\n') continue;
            if (data[i + 1] == '\n') return (i, i + 2);
            if (data[i + 1] == '\r' && i + 2 < data.Length && data[i + 2] == '\n') return (i, i + 3);
        }
        return (-1, -1);
    }

    private static SipMessage ParseStartLine(string line, List<SipHeader> headers)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 2 || !parts[0].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
                throw new SipParseException($"Status line '{SipUri.Trim(line)}' is not 'SIP/2.0 code reason'.");
            if (parts[1].Length != 3 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out var code) || code < 100 || code > 699)
                throw new SipParseException($"Status line '{SipUri.Trim(line)}' has an invalid status code.");
            return new SipResponse(code, parts.Length > 2 ? parts[2] : "", headers);
        }
        var items = line.Split(' ');
        if (items.Length != 3) throw new SipParseException($"Request line '{SipUri.Trim(line)}' is not 'METHOD URI SIP/2.0'.");
        if (!IsToken(items[0])) throw new SipParseException($"Request line '{SipUri.Trim(line)}' has an invalid method.");
        if (!items[2].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
            throw new SipParseException($"Request line '{SipUri.Trim(line)}' is not SIP/2.0.");
        var uri = items[1];
        var colon = uri.IndexOf(':');
        if (colon <= 0 || colon == uri.Length - 1) throw new SipParseException($"Request URI '{SipUri.Trim(uri)}' is not an absolute URI.");
        if (uri.StartsWith("sip", StringComparison.OrdinalIgnoreCase)) SipUri.Parse(uri);
        return new SipRequest(items[0], uri, headers);
    }

    private static byte[] ParseBody(SipMessage message, ReadOnlySpan<byte> body)
    {
        var lengthText = message[SipHeaderNames.ContentLength];
        if (lengthText is null) return body.ToArray();
        if (!int.TryParse(lengthText, System.Globalization.NumberStyles.None, null, out var length))
            throw new SipParseException($"Content-Length '{SipUri.Trim(lengthText)}' is not a number.");
        if (length > body.Length)
            throw new SipParseException($"Content-Length says {length} bytes but the datagram carries {body.Length} (truncated).");
        // Over UDP, bytes past Content-Length are discarded (RFC 3261 18.3).
        return body[..length].ToArray();
    }

    private static void Validate(SipMessage message)
    {
        foreach (var required in (string[])[SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq])
            if (message[required] is null) throw new SipParseException($"The mandatory {required} header is missing.");
        if (message.CallId.Length == 0) throw new SipParseException("Call-ID is empty.");
        _ = message.TopVia;
        _ = message.From;
        _ = message.To;
        var cseq = message.CSeq;
        if (message is SipRequest request)
        {
            if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal) &&
                !(request.Method == SipMethods.Ack && cseq.Method == SipMethods.Invite))
                throw new SipParseException($"CSeq method {cseq.Method} does not match the request method {request.Method}.");
            var maxForwards = message[SipHeaderNames.MaxForwards];
            if (maxForwards is not null && (!int.TryParse(maxForwards, System.Globalization.NumberStyles.None, null, out var hops) || hops > 255))
                throw new SipParseException($"Max-Forwards '{SipUri.Trim(maxForwards)}' is not a number from 0 to 255.");
        }
    }
}
