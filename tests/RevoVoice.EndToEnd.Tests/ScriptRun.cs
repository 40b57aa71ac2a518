using System.Diagnostics;

namespace RevoVoice.EndToEnd.Tests;

/// <summary>Runs <c>./revovoice</c> with arguments and extra environment, capturing what it prints.</summary>
public sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<ScriptRun> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryRoot.Combine("revovoice"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptRun(process.ExitCode, await output, await error);
    }
}
