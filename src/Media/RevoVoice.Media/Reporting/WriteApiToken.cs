using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Media.Reporting;

/// <summary>
/// Media's bearer token for the Write API: a short-lived <c>media</c> JWT minted from the platform's signing key
/// (<c>RevoVoice:Auth:SigningKey</c>), replaced well before it expires. A fixed token handed to Media at start would
/// expire while it runs; Write would then answer 401, which is not worth retrying, and every call report after that
/// moment would be lost.
/// </summary>
public sealed class WriteApiToken(AuthSettings settings, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>A token with less than this left is replaced, so one in flight or in a retry never runs out.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(15);

    /// <summary>Who Media's tokens speak for; Write records it as the actor of the events Media's reports cause.</summary>
    public const string Subject = "revovoice-media";

    private readonly TokenIssuer _issuer = new(settings, time);
    private readonly Lock _renewing = new();
    private (string Jwt, DateTimeOffset Expires)? _current;

    /// <summary>The token to send now.</summary>
    public string Current()
    {
        lock (_renewing)
        {
            var now = time.GetUtcNow();
            if (_current is not { } current || current.Expires - now < RenewBefore)
                _current = current = (_issuer.Issue(RevoVoiceRoles.Media, Subject, Lifetime), now + Lifetime);
            return current.Jwt;
        }
    }
}
