using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RevoVoice.Media.Speech.Synthesis.ESpeak;
using RevoVoice.Media.Conversation;
using RevoVoice.Media.Reporting;
using RevoVoice.Media.Sip;
using RevoVoice.Media.Tests.Sip;
using RevoVoice.Media.Tests.Speech;
using Xunit.Abstractions;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>
/// The whole telephone path: sipp calls the real Media service (SIP on a free port, application <c>conversation</c>)
/// and plays flite sentences as PCMA RTP; the service recognizes them with the domain grammar.
/// </summary>
[Collection(SpeechEnginesCollection.Name)]
public sealed class LiveSipRoundTripTests(SpeechEngines engines, ITestOutputHelper output)
{
    private static readonly string[] Sentences =
    [
        "i want to check my account balance", "my card has been stolen", "i would like to speak to an agent",
        "can you help me reset my password", "i never received my order", "i would like a refund",
    ];

    [Fact]
    public async Task when_sipp_calls_and_says_call_centre_sentences_the_conversation_recognizes_them_with_the_domain_grammar()
    {
        var reporter = new RecordingCallReporter();
        var rtp = FreePorts.UdpBlock(20);
        var settings = new Dictionary<string, string?>
        {
            ["RevoVoice:Sip:Address"] = "127.0.0.1",
            ["RevoVoice:Sip:Port"] = "0",
            ["RevoVoice:Rtp:PortMin"] = rtp.ToString(),
            ["RevoVoice:Rtp:PortMax"] = (rtp + 19).ToString(),
            ["RevoVoice:Http:Port"] = "0",
            ["RevoVoice:Media:Application"] = "conversation",
            ["RevoVoice:Write:BaseUrl"] = "http://127.0.0.1:9",
            ["RevoVoice:Speech:PocketSphinx:WarmDecoders"] = "1",
        };
        for (var i = 0; i < CallCentreSentences.All.Count; i++) settings[$"RevoVoice:Conversation:Responder:ExpectedPhrases:{i}"] = CallCentreSentences.All[i];
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ICallReporter>(reporter);
                // espeak-ng is one engine per process: the service uses the one the other speech tests share.
                services.AddSingleton(engines.ESpeak);
            });
        });
        var gateway = factory.Services.GetRequiredService<SipGateway>();

        short[] audio = [.. new short[16_000], .. Sentences.SelectMany(s => (short[])[.. FliteVoice.Telephone(s), .. new short[12_000]])];
        var pcap = Path.Combine(Path.GetTempPath(), $"revovoice-caller-{Guid.NewGuid():N}.pcap");
        RtpPcapWriter.Write(pcap, audio);
        try
        {
            var seconds = audio.Length / 8000.0;
            var result = await Sipp.RunAsync(gateway.LocalEndPoint.Port, Scenario(pcap, (int)(seconds * 1000) + 1500), "-m 1", TimeSpan.FromSeconds(seconds + 20));
            result.ExitCode.Should().Be(0, result.ToString());
        }
        finally
        {
            File.Delete(pcap);
        }

        var heard = reporter.Of<UtteranceRecognizedReport>().Select(r => r.Text).ToList();
        output.WriteLine(string.Join("\n", heard));
        heard.Should().Equal(Sentences);
        var answers = reporter.Of<BotRespondedReport>();
        answers.Should().HaveCount(Sentences.Length + 1, "a greeting and one answer per sentence");
        output.WriteLine($"greeting latency (INVITE to first packet): {answers[0].LatencyMs} ms; answer latencies: {string.Join(", ", answers.Skip(1).Select(a => a.LatencyMs))} ms");
    }

    private static string Scenario(string pcap, int pauseMs) => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="caller speaks">
          <send retrans="500"><![CDATA[
        INVITE sip:bot@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
        To: bot <sip:bot@[remote_ip]:[remote_port]>
        Call-ID: [call_id]
        CSeq: 1 INVITE
        Contact: sip:sipp@[local_ip]:[local_port]
        Max-Forwards: 70
        Content-Type: application/sdp
        Content-Length: [len]

        v=0
        o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
        s=-
        c=IN IP[local_ip_type] [local_ip]
        t=0 0
        m=audio [auto_media_port] RTP/AVP 8
        a=rtpmap:8 PCMA/8000

        ]]></send>
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="200" rtd="true" crlf="true"/>
          <send><![CDATA[
        ACK sip:bot@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
        To: bot <sip:bot@[remote_ip]:[remote_port]>[peer_tag_param]
        Call-ID: [call_id]
        CSeq: 1 ACK
        Contact: sip:sipp@[local_ip]:[local_port]
        Max-Forwards: 70
        Content-Length: 0

        ]]></send>
          <nop><action><exec play_pcap_audio="{{pcap}}"/></action></nop>
          <pause milliseconds="{{pauseMs}}"/>
          <send retrans="500"><![CDATA[
        BYE sip:bot@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
        To: bot <sip:bot@[remote_ip]:[remote_port]>[peer_tag_param]
        Call-ID: [call_id]
        CSeq: 2 BYE
        Contact: sip:sipp@[local_ip]:[local_port]
        Max-Forwards: 70
        Content-Length: 0

        ]]></send>
          <recv response="200" crlf="true"/>
        </scenario>
        """;
}
