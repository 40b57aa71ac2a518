using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace RevoVoice.ServiceDefaults.Auth;

/// <summary>
/// The JWT settings under <c>RevoVoice:Auth</c>. The signing key never lives in the repository: it comes from
/// configuration or the environment (<c>RevoVoice__Auth__SigningKey</c>), which <c>./revovoice</c> fills from
/// <c>.revovoice/secrets/</c>.
/// </summary>
public sealed record AuthSettings(string SigningKey, string Issuer, string Audience)
{
    public const string Section = "RevoVoice:Auth";
    public const string DefaultIssuer = "revovoice";
    public const string DefaultAudience = "revovoice";
    public const int MinimumKeyBytes = 32;

    public static AuthSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var key = section["SigningKey"];
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException(
                "RevoVoice:Auth:SigningKey is not configured (environment variable RevoVoice__Auth__SigningKey); " +
                "`./revovoice up` and `./revovoice token` generate one under .revovoice/secrets/.");
        if (Encoding.UTF8.GetByteCount(key) < MinimumKeyBytes)
            throw new InvalidOperationException($"RevoVoice:Auth:SigningKey must be at least {MinimumKeyBytes} bytes long.");
        return new AuthSettings(
            key,
            string.IsNullOrWhiteSpace(section["Issuer"]) ? DefaultIssuer : section["Issuer"]!,
            string.IsNullOrWhiteSpace(section["Audience"]) ? DefaultAudience : section["Audience"]!);
    }

    public SymmetricSecurityKey SecurityKey() => new(Encoding.UTF8.GetBytes(SigningKey));
}
