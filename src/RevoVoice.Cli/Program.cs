using System.CommandLine;

// The commands of `./revovoice` that need .NET code (the bash script does the rest). One file per command.
var root = new RootCommand("RevoVoice command-line tools")
{
    new RevoVoice.Cli.Commands.TokenCommand(),
    new RevoVoice.Cli.Commands.CallCommand(),
};

return await root.Parse(args).InvokeAsync();
