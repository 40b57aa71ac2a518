using System.Text;

namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>
/// A SIP request or response: ordered headers (canonical names, values unfolded) and a body. Typed views of
/// the headers every transaction needs (Via, From, To, Call-ID, CSeq) are parsed on first use and cached.
/// </summary>
public abstract class SipMessage
{
    private readonly List<SipHeader> _headers;
    private CSeqHeader? _cseq;
    private NameAddress? _from;
    private NameAddress? _to;
    private ViaHeader? _topVia;

    protected SipMessage(List<SipHeader> headers, ReadOnlyMemory<byte> body)
    {
        _headers = headers;
        Body = body;
    }

    public IReadOnlyList<SipHeader> Headers => _headers;

    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>The first value of a header (any form of the name), or null.</summary>
    public string? this[string name]
    {
        get
        {
            var canonical = SipHeaderNames.Normalize(name);
            foreach (var header in _headers)
                if (string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase))
                    return header.Value;
            return null;
        }
    }

    /// <summary>Every value of a header in order; list headers (Via, Route, Record-Route, Contact) split at commas.</summary>
    public List<string> GetAll(string name)
    {
        var canonical = SipHeaderNames.Normalize(name);
        var values = new List<string>();
        foreach (var header in _headers)
        {
            if (!string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase)) continue;
            if (SipHeaderNames.IsList(canonical) && header.Value.Contains(',')) values.AddRange(HeaderParameters.SplitList(header.Value));
            else values.Add(header.Value);
        }
        return values;
    }

    /// <summary>Replaces every header of that name with one value (or adds it at the end).</summary>
    public void Set(string name, string value)
    {
        var canonical = SipHeaderNames.Normalize(name);
        var index = _headers.FindIndex(h => string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase));
        Remove(canonical);
        if (index < 0 || index > _headers.Count) _headers.Add(new SipHeader(canonical, value));
        else _headers.Insert(index, new SipHeader(canonical, value));
    }

    public void Add(string name, string value)
    {
        _headers.Add(new SipHeader(SipHeaderNames.Normalize(name), value));
        Invalidate();
    }

    /// <summary>Inserts a header before all others (used for the top Via).</summary>
    public void Prepend(string name, string value)
    {
        _headers.Insert(0, new SipHeader(SipHeaderNames.Normalize(name), value));
        Invalidate();
    }

    public void Remove(string name)
    {
        var canonical = SipHeaderNames.Normalize(name);
        _headers.RemoveAll(h => string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase));
        Invalidate();
    }

    public string CallId => this[SipHeaderNames.CallId] ?? throw new SipParseException("The message has no Call-ID.");

    public CSeqHeader CSeq => _cseq ??= CSeqHeader.Parse(this[SipHeaderNames.CSeq] ?? throw new SipParseException("The message has no CSeq."));

    public NameAddress From => _from ??= NameAddress.Parse(this[SipHeaderNames.From] ?? throw new SipParseException("The message has no From."));

    public NameAddress To => _to ??= NameAddress.Parse(this[SipHeaderNames.To] ?? throw new SipParseException("The message has no To."));

    public ViaHeader TopVia => _topVia ??= ViaHeader.Parse(
        GetAll(SipHeaderNames.Via).FirstOrDefault() ?? throw new SipParseException("The message has no Via."));

    public List<ViaHeader> Vias => GetAll(SipHeaderNames.Via).Select(ViaHeader.Parse).ToList();

    public string? ContentType => this[SipHeaderNames.ContentType];

    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>Serialises the message; Content-Length always states the actual body length.</summary>
    public byte[] ToBytes()
    {
        var builder = new StringBuilder(512);
        WriteStartLine(builder);
        builder.Append("\r\n");
        foreach (var header in _headers)
        {
            if (ReferenceEquals(header.Name, SipHeaderNames.ContentLength) || string.Equals(header.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
                continue;
            builder.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }
        builder.Append("Content-Length: ").Append(Body.Length).Append("\r\n\r\n");
        var head = builder.ToString();
        var bytes = new byte[Encoding.UTF8.GetByteCount(head) + Body.Length];
        var written = Encoding.UTF8.GetBytes(head, bytes);
        Body.Span.CopyTo(bytes.AsSpan(written));
        return bytes;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    protected abstract void WriteStartLine(StringBuilder builder);

    private void Invalidate()
    {
        _cseq = null;
        _from = null;
        _to = null;
        _topVia = null;
    }
}
