using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RevoVoice.Telephony.Sdp;
using RevoVoice.Telephony.Sip.Dialogs;
using RevoVoice.Telephony.Sip.Transactions;
using RevoVoice.Telephony.Sip.Transport;
using Spectre.Console;

namespace RevoVoice.Bench.Speech;

/// <summary>
/// Greeting latency over real SIP: the Media service (Release, application <c>conversation</c>) runs as its own
/// process; our UAC places calls one after another and times each from the INVITE leaving to the first RTP packet of
/// the greeting arriving on the caller's RTP socket.
/// </summary>
internal static class SipGreetingLatency
{
    public static async Task<List<double>> MeasureAsync(string sileroModel, int calls, CancellationToken cancellationToken)
    {
        var mediaDll = Path.Combine(AppContext.BaseDirectory, "RevoVoice.Media.dll");
        if (!File.Exists(mediaDll)) throw new FileNotFoundException("the benchmark build copies the Media service next to it", mediaDll);
        var work = Directory.CreateTempSubdirectory("revovoice-bench-greeting-").FullName;
        var sipPort = FreeUdpPort();
        var rtpMin = FreeUdpPort() & ~1;
        var start = new ProcessStartInfo("dotnet", $"\"{mediaDll}\"") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        start.Environment["RevoVoice__Sip__Port"] = sipPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Http__Port"] = FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Rtp__PortMin"] = rtpMin.ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Rtp__PortMax"] = (rtpMin + 99).ToString(CultureInfo.InvariantCulture);
        start.Environment["RevoVoice__Media__Application"] = "conversation";
        start.Environment["RevoVoice__Speech__SileroModelPath"] = sileroModel;
        start.Environment["RevoVoice__Write__BaseUrl"] = "http://127.0.0.1:9";
        start.Environment["RevoVoice__Write__MaxAttempts"] = "1";
        start.Environment["RevoVoice__Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var log = new List<string>();
        using var host = Process.Start(start)!;
        host.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        host.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
            if (host.HasExited) throw new InvalidOperationException("The Media service did not start:\n" + string.Join("\n", log));
            AnsiConsole.MarkupLine($"[grey]greeting over SIP: Media (conversation, Release) as its own process on udp/127.0.0.1:{sipPort}; our UAC (RevoVoice.Telephony) places " +
                                   $"{calls} calls one after another (after one unmeasured warm-up call), INVITE sent to the first RTP packet received on the caller side[/]");

            var time = TimeProvider.System;
            await using var layer = new SipTransactionLayer(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0)), time);
            var agent = new SipUserAgent(layer, "bench");
            agent.Start();
            var latencies = new List<double>();
            for (var call = 0; call <= calls; call++)
            {
                var latency = await CallAsync(agent, $"sip:bot@127.0.0.1:{sipPort}", time, cancellationToken);
                if (call > 0) latencies.Add(latency);
            }
            return latencies;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> CallAsync(SipUserAgent agent, string target, TimeProvider time, CancellationToken cancellationToken)
    {
        using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var offer = SdpNegotiator.CreateOffer(IPAddress.Loopback, ((IPEndPoint)rtp.LocalEndPoint!).Port, time.GetUtcNow().ToUnixTimeSeconds(), 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var firstPacket = rtp.ReceiveAsync(new byte[2048], timeout.Token).AsTask();

        var sent = Stopwatch.GetTimestamp();
        var (response, dialog) = await agent.InviteAsync(target, "sip:bench@127.0.0.1", offer.ToString(), cancellationToken: timeout.Token);
        if (dialog is null) throw new InvalidOperationException($"the Media service answered {response.StatusCode} {response.Reason}");
        await firstPacket;
        var latency = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        await dialog.HangUpAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return latency;
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
