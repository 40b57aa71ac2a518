using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RevoVoice.ServiceDefaults.Auth;

/// <summary>Mints HMAC-SHA256 signed JWTs that the services accept: for the CLI, local tools and tests.</summary>
public sealed class TokenIssuer(AuthSettings settings, TimeProvider time)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    /// <param name="role">one of <see cref="RevoVoiceRoles"/>.</param>
    /// <param name="subject">who the token speaks for (an agent's id for role <c>agent</c>, a service name otherwise).</param>
    public string Issue(string role, string subject, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (!RevoVoiceRoles.All.Contains(role))
            throw new ArgumentException($"unknown role '{role}'; known: {string.Join(", ", RevoVoiceRoles.All)}", nameof(role));

        var now = time.GetUtcNow();
        var expires = now + (lifetime ?? DefaultLifetime);
        // A token already expired at issue is useful to tests; IssuedAt/NotBefore must not follow Expires then.
        var issuedAt = expires < now ? expires - TimeSpan.FromMinutes(1) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.SecurityKey(), SecurityAlgorithms.HmacSha256),
        });
    }
}
