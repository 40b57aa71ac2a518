using System.CommandLine;
using Microsoft.Extensions.Configuration;
using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Cli.Commands;

/// <summary><c>revovoice-cli token --role ROLE [--subject S] [--minutes N]</c>: prints a JWT the services accept.</summary>
public sealed class TokenCommand : Command
{
    public TokenCommand() : base("token", "Mint a local JWT for the command and query APIs (signing key from RevoVoice__Auth__SigningKey)")
    {
        var role = new Option<string>("--role")
        {
            Description = $"one of: {string.Join(", ", RevoVoiceRoles.All)}",
            Required = true,
        };
        role.AcceptOnlyFromAmong([.. RevoVoiceRoles.All]);
        var subject = new Option<string?>("--subject") { Description = "the token's subject (an agent's id for role agent); default: local-ROLE" };
        var minutes = new Option<int>("--minutes") { Description = "lifetime in minutes", DefaultValueFactory = _ => 480 };
        minutes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0) r.AddError("--minutes must be positive");
        });
        Options.Add(role);
        Options.Add(subject);
        Options.Add(minutes);

        SetAction(parse =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            AuthSettings settings;
            try
            {
                settings = AuthSettings.From(configuration);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            var chosenRole = parse.GetRequiredValue(role);
            var issuer = new TokenIssuer(settings, TimeProvider.System);
            Console.WriteLine(issuer.Issue(chosenRole, parse.GetValue(subject) ?? $"local-{chosenRole}",
                TimeSpan.FromMinutes(parse.GetValue(minutes))));
            return 0;
        });
    }
}
