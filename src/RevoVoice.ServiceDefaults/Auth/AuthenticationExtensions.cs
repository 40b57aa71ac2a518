using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace RevoVoice.ServiceDefaults.Auth;

/// <summary>
/// JWT bearer authentication with RevoVoice's roles, answering 401 and 403 as problem details that say why
/// (no token, bad token, expired token, role not allowed).
/// </summary>
public static class AuthenticationExtensions
{
    public static WebApplicationBuilder AddRevoVoiceAuthentication(this WebApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                // Nothing reads the token back from the authentication properties; storing it costs every request.
                o.SaveToken = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.SecurityKey(),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var detail = context.AuthenticateFailure switch
                        {
                            SecurityTokenExpiredException => "The bearer token has expired.",
                            null => "A bearer token is required (Authorization: Bearer <jwt>).",
                            var failure => $"The bearer token is not valid: {failure.Message}",
                        };
                        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
                    },
                    OnForbidden = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                        $"The role '{context.HttpContext.User.FindFirst("role")?.Value}' may not do this."),
                };
            });
        builder.Services.AddAuthorization(o =>
        {
            foreach (var role in RevoVoiceRoles.All)
                o.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(role));
        });
        return builder;
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
