using System.CommandLine;
using System.Net;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;
using RevoVoice.Telephony.Sip.Dialogs;
using RevoVoice.Telephony.Sip.Transactions;
using RevoVoice.Telephony.Sip.Transport;

namespace RevoVoice.Cli.Commands;

/// <summary>
/// <c>revovoice-cli call sip:bot@127.0.0.1:5060 [--play in.wav] [--record out.wav] [--dtmf 123#] [--seconds N]</c>:
/// our own UAC. Places the call, plays the WAV, sends the digits, records what it hears (8 kHz mono), then hangs up
/// (or stops when the far end does) and prints the media statistics.
/// </summary>
public sealed class CallCommand : Command
{
    public CallCommand() : base("call", "Call a SIP URI: play a WAV, record what comes back")
    {
        var target = new Argument<string>("uri") { Description = "whom to call, e.g. sip:bot@127.0.0.1:5060" };
        var play = new Option<FileInfo?>("--play") { Description = "a PCM16 WAV (8 or 16 kHz) to say after the answer" };
        var record = new Option<FileInfo?>("--record") { Description = "where to write what we hear (8 kHz mono WAV)" };
        var dtmf = new Option<string?>("--dtmf") { Description = "RFC 4733 digits to send after the WAV (0-9 * # A-D)" };
        var seconds = new Option<double>("--seconds") { Description = "how long to stay after the WAV ends", DefaultValueFactory = _ => 2 };
        var from = new Option<string>("--from") { Description = "our From URI", DefaultValueFactory = _ => "sip:revovoice-cli@127.0.0.1" };
        var rtpPorts = new Option<int>("--rtp-port") { Description = "first of a small RTP port range to use", DefaultValueFactory = _ => 21000 };
        Arguments.Add(target);
        Options.Add(play);
        Options.Add(record);
        Options.Add(dtmf);
        Options.Add(seconds);
        Options.Add(from);
        Options.Add(rtpPorts);
        SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(target), parse.GetValue(play), parse.GetValue(record), parse.GetValue(dtmf),
            TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetRequiredValue(from), parse.GetValue(rtpPorts), cancellationToken));
    }

    private static async Task<int> RunAsync(string target, FileInfo? play, FileInfo? record, string? digits, TimeSpan linger, string from,
        int rtpPortMin, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var audio = play is null ? [] : WavFile.ReadMono8k(play.FullName);
        await using var layer = new SipTransactionLayer(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0)), time);
        var agent = new SipUserAgent(layer, "revovoice-cli");
        agent.Start();
        using var clock = new MediaClock(time);
        var (rtp, rtcp) = new RtpPortAllocator(IPAddress.Loopback, rtpPortMin, rtpPortMin + 99).Allocate();
        var localRtp = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        var offer = SdpNegotiator.CreateOffer(IPAddress.Loopback, localRtp, time.GetUtcNow().ToUnixTimeSeconds(), 1);

        Console.WriteLine($"calling {target} from udp/{agent.LocalEndPoint}, RTP {localRtp}");
        var (response, dialog) = await agent.InviteAsync(target, from, offer.ToString(),
            provisional => Console.WriteLine($"  {provisional.StatusCode} {provisional.Reason}"), cancellationToken);
        Console.WriteLine($"  {response.StatusCode} {response.Reason}");
        if (dialog is null)
        {
            rtp.Dispose();
            rtcp.Dispose();
            return 1;
        }

        var media = SdpNegotiator.ReadAnswer(SessionDescription.Parse(response.BodyText));
        await using var session = new RtpSession(rtp, rtcp, media, clock, time);
        var remoteEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dialog.Ended += (_, reason) =>
        {
            if (reason == DialogEndReason.RemoteBye) remoteEnded.TrySetResult();
        };
        session.Start();
        Console.WriteLine($"  media: {media.Codec.Name} to {media.Remote}, telephone-event {media.TelephoneEventPayloadType?.ToString() ?? "none"}");

        var heard = new List<short>();
        var recording = Task.Run(async () =>
        {
            await foreach (var frame in session.Input.ReadAllAsync(CancellationToken.None)) heard.AddRange(frame.Samples.Span);
        }, CancellationToken.None);

        var hangUp = true;
        try
        {
            if (audio.Length > 0)
            {
                session.Output.Enqueue(audio);
                await Task.WhenAny(session.Output.WhenIdleAsync(cancellationToken), remoteEnded.Task);
            }
            if (!string.IsNullOrEmpty(digits) && !remoteEnded.Task.IsCompleted && media.TelephoneEventPayloadType is not null)
            {
                session.SendDtmf(digits);
                while (session.IsSendingDtmf && !remoteEnded.Task.IsCompleted) await Task.Delay(20, cancellationToken);
            }
            await Task.WhenAny(Task.Delay(linger, cancellationToken), remoteEnded.Task);
            hangUp = !remoteEnded.Task.IsCompleted;
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine(hangUp ? "  hanging up" : "  the far end hung up");
        if (hangUp) Console.WriteLine($"  BYE: {(await dialog.HangUpAsync().WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).StatusCode}");

        var statistics = session.Statistics;
        await session.DisposeAsync();
        await recording;
        if (record is not null)
        {
            WavFile.Write(record.FullName, heard.ToArray(), AudioFrame.SampleRate, channels: 1);
            Console.WriteLine($"  recorded {heard.Count / (double)AudioFrame.SampleRate:0.0} s to {record.FullName}");
        }
        Console.WriteLine($"  rx {statistics.PacketsReceived} packets, lost {statistics.PacketsLost} ({statistics.LossPercent:0.00}%), " +
                          $"jitter {statistics.InterarrivalJitterMs:0.0} ms; tx {statistics.PacketsSent} packets, send jitter {statistics.SendJitterMs:0.00} ms");
        return 0;
    }
}
