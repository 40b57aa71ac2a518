using System.Diagnostics;
using RevoVoice.Testing;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>Runs the real sipp (Debian sip-tester) against the Media host, in a scratch directory with the pcap link.</summary>
public static class Sipp
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"sipp exit {ExitCode}\n{Output}\n{Errors}";
    }

    /// <param name="scenarioXml">a scenario (see <see cref="SippScenarios"/>), or null with <c>-sn</c> in the arguments.</param>
    public static async Task<Result> RunAsync(int sipPort, string? scenarioXml, string arguments, TimeSpan timeout)
    {
        var directory = Directory.CreateTempSubdirectory("revovoice-sipp-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(directory, "pcap"), "/usr/share/sip-tester");
            var scenario = "";
            if (scenarioXml is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, "scenario.xml"), scenarioXml);
                scenario = "-sf scenario.xml";
            }
            var mediaPort = FreePorts.UdpBlock(4);
            var start = new ProcessStartInfo("sipp",
                $"127.0.0.1:{sipPort} {scenario} -i 127.0.0.1 -mp {mediaPort} -nostdin -trace_err -timeout {(int)timeout.TotalSeconds}s -timeout_error {arguments}")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var guard = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"sipp did not finish within {timeout}");
            }
            var errorFiles = Directory.GetFiles(directory, "*_errors.log").Select(File.ReadAllText);
            return new Result(process.ExitCode, await output, await errors + string.Join("\n", errorFiles));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
