using System.Security.Cryptography;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Sip.Dialogs;

/// <summary>Random tags, branches and Call-IDs (RFC 3261 19.3: globally unique, cryptographically random).</summary>
public static class SipTags
{
    public static string NewTag() => RandomNumberGenerator.GetHexString(10, lowercase: true);

    public static string NewBranch() => ViaHeader.MagicCookie + RandomNumberGenerator.GetHexString(16, lowercase: true);

    public static string NewCallId(string host) => RandomNumberGenerator.GetHexString(20, lowercase: true) + "@" + host;
}
