using System.Diagnostics;
namespace RevoVoice.Testing.Sip;

/// <summary>
/// Runs the real sipp (Debian sip-tester) against a SIP port on loopback, in a scratch directory that links sipp's
/// RTP pcaps as <c>pcap/</c>, so scenarios can play them.
/// </summary>
public static class Sipp
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"sipp exit {ExitCode}\n{Output}\n{Errors}";
    }

    /// <param name="scenarioXml">a scenario, or null with <c>-sn</c> in the arguments.</param>
    public static async Task<Result> RunAsync(int sipPort, string? scenarioXml, string arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("revovoice-sipp-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(directory, "pcap"), "/usr/share/sip-tester");
            var scenario = "";
            if (scenarioXml is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, "scenario.xml"), scenarioXml, cancellationToken);
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
            using var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            guard.CancelAfter(timeout + TimeSpan.FromSeconds(10));
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
