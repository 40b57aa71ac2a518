using RevoVoice.Testing.Sip;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RevoVoice.Media.Conversation;
using RevoVoice.Media.Reporting;
using RevoVoice.Media.Sip;
using RevoVoice.Media.Speech.Synthesis.ESpeak;
using RevoVoice.Media.Tests.Sip;
using RevoVoice.Media.Tests.Speech;
using RevoVoice.Testing;
using Xunit.Abstractions;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>
/// The whole telephone path: sipp calls the real Media service (SIP on a free port, application <c>conversation</c>)
/// and plays flite sentences as PCMA RTP; the service recognizes them with the domain grammar.
/// </summary>
[Collection(SpeechEnginesCollection.Name)]
public sealed class LiveSipRoundTripTests(SpeechEngines engines, ITestOutputHelper output)
{
    // The call-centre sentences, spread over concurrent calls so the set fits in well under a minute. "goodbye" is a
    // hang-up phrase: the bot would end that call in the middle of its script.
    private const int Calls = 5;
    private static readonly string[] Sentences = [.. CallCentreSentences.All.Where(s => s != "goodbye")];

    [Fact]
    public async Task when_sipp_callers_say_call_centre_sentences_at_least_95_percent_are_recognized_exactly_with_the_domain_grammar()
    {
        var reporter = new RecordingCallReporter();
        var rtp = FreePorts.UdpBlock(40);
        var settings = new Dictionary<string, string?>
        {
            ["RevoVoice:Sip:Address"] = "127.0.0.1",
            ["RevoVoice:Sip:Port"] = "0",
            ["RevoVoice:Rtp:PortMin"] = rtp.ToString(),
            ["RevoVoice:Rtp:PortMax"] = (rtp + 39).ToString(),
            ["RevoVoice:Http:Port"] = "0",
            ["RevoVoice:Media:Application"] = "conversation",
            ["RevoVoice:Write:BaseUrl"] = "http://127.0.0.1:9",
            ["RevoVoice:Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["RevoVoice:Speech:PocketSphinx:WarmDecoders"] = Calls.ToString(),
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

        var scripts = Sentences.Select((s, i) => (Sentence: s, Call: i % Calls)).GroupBy(x => x.Call, x => x.Sentence).Select(g => g.ToArray()).ToArray();
        var results = await Task.WhenAll(scripts.Select(script => CallAsync(gateway.LocalEndPoint.Port, script)));
        results.Should().AllSatisfy(r => r.ExitCode.Should().Be(0, r.ToString()));

        // Each call's sentences are distinct, so a call is told apart by what was heard in it.
        var heardByCall = reporter.Of<UtteranceRecognizedReport>().GroupBy(r => r.CallId).Select(g => g.OrderBy(r => r.At).Select(r => r.Text).ToList()).ToList();
        heardByCall.Should().HaveCount(Calls);
        var exact = 0;
        var mismatches = new List<string>();
        foreach (var script in scripts)
        {
            var heard = heardByCall.MaxBy(h => script.Count(h.Contains))!;
            foreach (var sentence in script)
            {
                if (heard.Contains(sentence)) exact++;
                else mismatches.Add($"said '{sentence}'; that call heard: {string.Join(" | ", heard.Where(h => !script.Contains(h)).DefaultIfEmpty("(nothing else)"))}");
            }
        }
        output.WriteLine($"{exact}/{Sentences.Length} sentences exactly right over {Calls} concurrent sipp calls\n{string.Join("\n", mismatches)}");
        (exact / (double)Sentences.Length).Should().BeGreaterThanOrEqualTo(0.95, string.Join("\n", mismatches));
        var answers = reporter.Of<BotRespondedReport>();
        answers.Count.Should().BeGreaterThanOrEqualTo(Calls + exact, "a greeting per call and one answer per sentence heard");
        output.WriteLine($"greeting latencies (INVITE to first packet): {string.Join(", ", answers.GroupBy(a => a.CallId).Select(g => g.OrderBy(a => a.At).First().LatencyMs))} ms");
    }

    private static async Task<Sipp.Result> CallAsync(int sipPort, string[] sentences)
    {
        short[] audio = [.. new short[16_000], .. sentences.SelectMany(s => (short[])[.. FliteVoice.Telephone(s), .. new short[12_000]])];
        var pcap = Path.Combine(Path.GetTempPath(), $"revovoice-caller-{Guid.NewGuid():N}.pcap");
        RtpPcapWriter.Write(pcap, audio);
        try
        {
            var seconds = audio.Length / 8000.0;
            return await Sipp.RunAsync(sipPort, Scenario(pcap, (int)(seconds * 1000) + 1500), "-m 1", TimeSpan.FromSeconds(seconds + 30));
        }
        finally
        {
            File.Delete(pcap);
        }
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
