using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace RevoVoice.Bench.Sip;

/// <summary>
/// Benchmark area <c>sip</c>: SIP parse+serialise throughput on one core, then sipp as the load generator
/// against the Media service's echo application (RTP both ways): concurrent calls held for 60 s, failed calls,
/// RTP loss and the jitter of our sent stream (measured by the Media service per call), CPU per call.
/// Arguments: <c>sip [CALLS] [HOLD_SECONDS] [RATE]</c> (defaults 500 60 50; CALLS 0 runs the parser figures only).
/// </summary>
public static partial class SipBenchmark
{
    public static async Task RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var calls = settings.Arguments.Count > 0 ? int.Parse(settings.Arguments[0], CultureInfo.InvariantCulture) : 500;
        var hold = settings.Arguments.Count > 1 ? int.Parse(settings.Arguments[1], CultureInfo.InvariantCulture) : 60;
        var rate = settings.Arguments.Count > 2 ? int.Parse(settings.Arguments[2], CultureInfo.InvariantCulture) : 50;

        AnsiConsole.MarkupLine("[grey]sip.parse: one thread parses and re-serialises an INVITE with SDP, a 200 OK and a BYE in turn for 5 s (after 50k warm-up); " +
                               "parse_msgs_per_s counts per second of that thread's CPU time (one core), parse_msgs_per_wall_s per elapsed second on this shared machine[/]");
        var (perWall, perCpu) = SipParseBenchmark.Run(TimeSpan.FromSeconds(5));
        BenchOutput.Figure("sip", "parse_msgs_per_s", perCpu, "msgs/s");
        BenchOutput.Figure("sip", "parse_msgs_per_wall_s", perWall, "msgs/s");
        if (calls == 0) return; // `bench sip 0`: the parser figures only

        var media = Path.Combine(settings.RepositoryRoot, "src/Media/RevoVoice.Media/bin/Release/net10.0/RevoVoice.Media.dll");
        if (!File.Exists(media)) throw new FileNotFoundException("Build the Media service in Release first (the bench build does).", media);
        var work = Directory.CreateTempSubdirectory("revovoice-bench-sip-").FullName;
        try
        {
            await RunLoadAsync(media, work, calls, hold, rate, cancellationToken);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunLoadAsync(string mediaDll, string work, int calls, int hold, int rate, CancellationToken cancellationToken)
    {
        var sipPort = FreeUdpBlock(1);
        var rtpMin = FreeUdpBlock(2 * calls + 100);
        var sippMediaPort = FreeUdpBlock(4);
        RtpPcapWriter.WriteTone(Path.Combine(work, "tone.pcap"), TimeSpan.FromSeconds(hold + 2));
        await File.WriteAllTextAsync(Path.Combine(work, "load.xml"), LoadScenario(hold));

        var start = new ProcessStartInfo("dotnet", $"\"{mediaDll}\"") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        start.Environment["RevoVoice__Sip__Port"] = sipPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Http__Port"] = FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Rtp__PortMin"] = rtpMin.ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Rtp__PortMax"] = (rtpMin + 2 * calls + 99).ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Media__Application"] = "echo";
        start.Environment["RevoVoice__Media__MaxConcurrentCalls"] = (calls + 50).ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Write__BaseUrl"] = "http://127.0.0.1:9";
        start.Environment["RevoVoice__Write__MaxAttempts"] = "1";
        start.Environment["RevoVoice__Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__RevoVoice.Media.Sip.SipGateway"] = "Information";
        start.Environment["DOTNET_gcServer"] = "0";
        // Media-path tuning (see the Media README notes in the report): run socket completions on the epoll thread instead of
        // hopping to the thread pool, and stop idle pool workers from spinning, both of which cost CPU at 50 packets/s/call.
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = Environment.GetEnvironmentVariable("REVOVOICE_BENCH_INLINE") ?? "1";
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = Environment.GetEnvironmentVariable("REVOVOICE_BENCH_SPIN") ?? "0";
        start.Environment["RevoVoice__Rtp__RealtimeClock"] = Environment.GetEnvironmentVariable("REVOVOICE_BENCH_REALTIME") ?? "true";
        using var host = Process.Start(start)!;
        var ended = new List<string>();
        var hostLog = new List<string>();
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (hostLog)
            {
                if (e.Data.Contains(" ended: ", StringComparison.Ordinal)) ended.Add(e.Data);
                else hostLog.Add(e.Data);
            }
        };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
            if (host.HasExited) throw new InvalidOperationException("The Media service did not start: " + string.Join("\n", hostLog));

            var sippArguments = $"127.0.0.1:{sipPort} -sf load.xml -i 127.0.0.1 -mp {sippMediaPort} -r {rate} -rp 1000 -l {calls} -m {calls} " +
                                $"-nostdin -timeout {hold + calls / rate + 120}s -max_socket 2000";
            AnsiConsole.MarkupLine($"[grey]sip.load: Media (echo, Release) on udp/127.0.0.1:{sipPort}, RTP {rtpMin}-{rtpMin + 2 * calls + 99}; " +
                                   $"sipp {Markup.Escape(sippArguments)}[/]");
            AnsiConsole.MarkupLine("[grey]Media process tuning: DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0, RevoVoice__Rtp__RealtimeClock=true (SCHED_FIFO media clock threads, one per core)[/]");
            AnsiConsole.MarkupLine($"[grey]each call: INVITE/200/ACK, sipp plays {hold + 2} s of PCMU tone (pcap, 20 ms), holds {hold} s, BYE; our echo returns every frame[/]");

            var sipp = Process.Start(new ProcessStartInfo("sipp", sippArguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work })!;
            var sippOutput = sipp.StandardOutput.ReadToEndAsync(cancellationToken);
            var sippErrors = sipp.StandardError.ReadToEndAsync(cancellationToken);

            // CPU of the Media process over the window when every call is up.
            var rampSeconds = (double)calls / rate;
            double cpuSeconds = 0, windowSeconds = 0;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("calls ramping up and holding", maxValue: rampSeconds + hold + 5);
                var sampleStart = TimeSpan.FromSeconds(rampSeconds + 5);
                var sampleEnd = TimeSpan.FromSeconds(rampSeconds + hold - 5);
                var clock = Stopwatch.StartNew();
                TimeSpan? cpuAtStart = null;
                while (!sipp.HasExited)
                {
                    await Task.Delay(1000, cancellationToken);
                    task.Value = Math.Min(task.MaxValue, clock.Elapsed.TotalSeconds);
                    host.Refresh();
                    if (cpuAtStart is null && clock.Elapsed >= sampleStart)
                    {
                        cpuAtStart = host.TotalProcessorTime;
                        windowSeconds = -clock.Elapsed.TotalSeconds;
                    }
                    else if (cpuAtStart is not null && windowSeconds < 0 && clock.Elapsed >= sampleEnd)
                    {
                        cpuSeconds = (host.TotalProcessorTime - cpuAtStart.Value).TotalSeconds;
                        windowSeconds += clock.Elapsed.TotalSeconds;
                    }
                }
                task.Value = task.MaxValue;
            });
            await sipp.WaitForExitAsync(cancellationToken);
            var output = await sippOutput;
            await Task.Delay(2000, cancellationToken);

            var peak = Match(output, @"Peak was (\d+) calls");
            var successful = LastCounter(output, "Successful call");
            var failed = LastCounter(output, "Failed call");
            List<string> ends;
            lock (hostLog) ends = ended.ToList();
            long received = 0, lost = 0;
            var sendJitters = new List<double>();
            foreach (var line in ends)
            {
                var m = CallEndedLine().Match(line);
                if (!m.Success) continue;
                received += long.Parse(m.Groups["rx"].Value, CultureInfo.InvariantCulture);
                lost += long.Parse(m.Groups["lost"].Value, CultureInfo.InvariantCulture);
                sendJitters.Add(double.Parse(m.Groups["sendjitter"].Value, CultureInfo.InvariantCulture));
            }
            var lossPct = received + lost == 0 ? 100 : 100.0 * lost / (received + lost);
            AnsiConsole.MarkupLine($"[grey]sipp exit {sipp.ExitCode}: {successful} successful, {failed} failed, peak {peak} concurrent; " +
                                   $"Media logged {ends.Count} call ends, rx {received} packets, lost {lost}; " +
                                   $"CPU {cpuSeconds:0.0} s over {windowSeconds:0} s while all calls were up (2 cores shared with other work)[/]");
            if (sipp.ExitCode != 0) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(Tail(await sippErrors, 600))}[/]");
            BenchOutput.Figure("sip", "concurrent_calls", peak, "calls");
            BenchOutput.Figure("sip", "failed_calls", failed + Math.Max(0, calls - successful - failed), "calls");
            BenchOutput.Figure("sip", "rtp_loss_pct", lossPct, "%");
            BenchOutput.Figure("sip", "send_jitter_ms", sendJitters.Count == 0 ? double.NaN : sendJitters.Average(), "ms");
            BenchOutput.Figure("sip", "send_jitter_max_call_ms", sendJitters.Count == 0 ? double.NaN : sendJitters.Max(), "ms");
            if (windowSeconds > 0 && peak > 0)
                BenchOutput.Figure("sip", "cpu_per_call_pct", 100.0 * cpuSeconds / windowSeconds / peak, "% of a core");
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
        }
    }

    private static string LoadScenario(int hold) => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <!DOCTYPE scenario SYSTEM "sipp.dtd">
        <scenario name="revovoice load: echo with RTP both ways">
          <send retrans="500">
            <![CDATA[
              INVITE sip:echo@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:echo@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 INVITE
              Contact: sip:sipp@[local_ip]:[local_port]
              Max-Forwards: 70
              Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
              s=-
              c=IN IP[media_ip_type] [media_ip]
              t=0 0
              m=audio [media_port] RTP/AVP 0
              a=rtpmap:0 PCMU/8000

            ]]>
          </send>
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="200" rtd="true"/>
          <send>
            <![CDATA[
              ACK sip:echo@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:echo@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 1 ACK
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <nop><action><exec play_pcap_audio="tone.pcap"/></action></nop>
          <pause milliseconds="{{hold * 1000}}"/>
          <send retrans="500">
            <![CDATA[
              BYE sip:revovoice@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:echo@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 2 BYE
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="200" crlf="true"/>
        </scenario>
        """;

    [GeneratedRegex(@"rx (?<rx>\d+) lost (?<lost>\d+) jitter [\d.]+ ms; tx \d+ send jitter (?<sendjitter>[\d.]+) ms")]
    private static partial Regex CallEndedLine();

    private static double Match(string text, string pattern)
    {
        var matches = Regex.Matches(text, pattern);
        return matches.Count == 0 ? 0 : double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The cumulative column of a counter line in sipp's final statistics screen.</summary>
    private static long LastCounter(string text, string name)
    {
        var matches = Regex.Matches(text, Regex.Escape(name) + @"\s*\|\s*\d+\s*\|\s*(\d+)");
        return matches.Count == 0 ? 0 : long.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

    private static int FreeUdpBlock(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = 30000 + Random.Shared.Next(0, 14000) * 2;
            var sockets = new List<Socket>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }
                return first;
            }
            catch (SocketException)
            {
            }
            finally
            {
                sockets.ForEach(s => s.Dispose());
            }
        }
        throw new InvalidOperationException("No free UDP port block.");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
