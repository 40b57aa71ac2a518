namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>Canonical header names and the compact forms of RFC 3261 7.3.3 (and RFC 3515, 3891, 4028).</summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string MaxForwards = "Max-Forwards";
    public const string ContentType = "Content-Type";
    public const string ContentLength = "Content-Length";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Allow = "Allow";
    public const string Supported = "Supported";
    public const string Accept = "Accept";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string Event = "Event";
    public const string SubscriptionState = "Subscription-State";
    public const string Require = "Require";
    public const string Unsupported = "Unsupported";
    public const string Reason = "Reason";
    public const string RetryAfter = "Retry-After";

    private static readonly Dictionary<string, string> Canonical = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = Via, ["f"] = From, ["t"] = To, ["i"] = CallId, ["m"] = Contact, ["c"] = ContentType,
        ["l"] = ContentLength, ["k"] = Supported, ["r"] = ReferTo, ["b"] = ReferredBy, ["o"] = Event,
        ["e"] = "Content-Encoding", ["s"] = "Subject", ["u"] = "Allow-Events", ["x"] = "Session-Expires",
        [Via] = Via, [From] = From, [To] = To, [CallId] = CallId, [CSeq] = CSeq, [Contact] = Contact,
        [MaxForwards] = MaxForwards, [ContentType] = ContentType, [ContentLength] = ContentLength,
        [Route] = Route, [RecordRoute] = RecordRoute, [Allow] = Allow, [Supported] = Supported, [Accept] = Accept,
        [UserAgent] = UserAgent, [Server] = Server, [ReferTo] = ReferTo, [ReferredBy] = ReferredBy, [Event] = Event,
        [SubscriptionState] = SubscriptionState, [Require] = Require, [Unsupported] = Unsupported, [Reason] = Reason,
        [RetryAfter] = RetryAfter, ["Content-Encoding"] = "Content-Encoding", ["Subject"] = "Subject",
        ["Allow-Events"] = "Allow-Events", ["Session-Expires"] = "Session-Expires",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CanonicalBySpan = Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The canonical spelling of a header name (compact forms expanded); unknown names are kept as written.</summary>
    public static string Normalize(string name) => Canonical.TryGetValue(name, out var canonical) ? canonical : name;

    /// <summary>As <see cref="Normalize(string)"/>, without allocating for the names we know.</summary>
    public static string Normalize(ReadOnlySpan<char> name) => CanonicalBySpan.TryGetValue(name, out var canonical) ? canonical : name.ToString();

    /// <summary>Headers whose comma-separated values are separate entries (RFC 3261 7.3.1).</summary>
    public static bool IsList(string canonicalName) =>
        canonicalName is Via or Route or RecordRoute or Contact;
}
