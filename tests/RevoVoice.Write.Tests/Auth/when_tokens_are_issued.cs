using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Write.Tests.Auth;

public sealed class when_tokens_are_issued
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    [Fact]
    public void a_missing_or_short_signing_key_is_refused_with_a_clear_reason()
    {
        FluentActions.Invoking(() => AuthSettings.From(Config())).Should().Throw<InvalidOperationException>().WithMessage("*RevoVoice__Auth__SigningKey*");
        FluentActions.Invoking(() => AuthSettings.From(Config(("RevoVoice:Auth:SigningKey", "short"))))
            .Should().Throw<InvalidOperationException>().WithMessage("*at least 32 bytes*");
    }

    [Fact]
    public void issuer_and_audience_default_to_revovoice()
    {
        var settings = AuthSettings.From(Config(("RevoVoice:Auth:SigningKey", new string('k', 32))));
        settings.Issuer.Should().Be("revovoice");
        settings.Audience.Should().Be("revovoice");
    }

    [Fact]
    public void a_token_carries_role_subject_and_lifetime()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var issuer = new TokenIssuer(new AuthSettings(new string('k', 48), "revovoice", "revovoice"), time);
        var token = new JsonWebToken(issuer.Issue(RevoVoiceRoles.Agent, "agent-7", TimeSpan.FromMinutes(30)));
        token.GetClaim("role").Value.Should().Be("agent");
        token.Subject.Should().Be("agent-7");
        token.ValidTo.Should().Be(new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc));
        FluentActions.Invoking(() => issuer.Issue("root", "x")).Should().Throw<ArgumentException>().WithMessage("*unknown role*");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
