using System.Diagnostics;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Testing;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>
/// baresip (headless: aufile source, sndfile dump) dials the Media host running the play application with
/// recording on: baresip must hear our prompt, and our stereo recording must hold baresip's audio on the
/// caller channel and our prompt on the platform channel. Compared by cross-correlation, not byte counts.
/// </summary>
[Collection(RealTimeAudioCollection.Name)]
public sealed class BaresipTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("revovoice-baresip-").FullName;
    private MediaHost _host = null!;
    private string _prompt = null!;
    private string _callerAudio = null!;

    public async Task InitializeAsync()
    {
        // The platform says a flite sentence; the caller plays a distinct signal (a rising chirp with pauses).
        _prompt = Path.Combine(_work, "prompt-8k.wav");
        await RunAsync("flite", $"-voice slt -t \"Thank you for calling. Your call may be recorded.\" -o {_work}/prompt-16k.wav");
        await RunAsync("sox", $"{_work}/prompt-16k.wav -r 8000 -c 1 -b 16 {_prompt}");
        _callerAudio = Path.Combine(_work, "caller-8k.wav");
        await RunAsync("sox", $"-n -r 8000 -c 1 -b 16 {_callerAudio} synth 6 sine 200-2500 vol 0.5 pad 0 2");
        _host = new MediaHost(new Dictionary<string, string?>
        {
            ["RevoVoice:Media:PlayFile"] = _prompt,
            ["RevoVoice:Media:RecordAllCalls"] = "true",
        }, application: "play");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task when_baresip_calls_it_hears_our_prompt_and_we_record_its_audio_on_the_caller_channel()
    {
        var config = Path.Combine(_work, "baresip");
        var dumps = Path.Combine(_work, "dumps");
        Directory.CreateDirectory(config);
        Directory.CreateDirectory(dumps);
        var sipPort = FreePorts.UdpBlock(2);
        var rtpPort = FreePorts.UdpBlock(20);
        await File.WriteAllTextAsync(Path.Combine(config, "config"), $"""
            poll_method epoll
            sip_listen 127.0.0.1:{sipPort}
            net_interface 127.0.0.1
            audio_player aubridge,nil
            audio_alert aubridge,nil
            audio_source aufile,{_callerAudio}
            rtp_ports {rtpPort}-{rtpPort + 19}
            snd_path {dumps}
            module_path /usr/lib/baresip/modules
            module g711.so
            module aufile.so
            module aubridge.so
            module sndfile.so
            module_app account.so
            module_app menu.so

            """);
        await File.WriteAllTextAsync(Path.Combine(config, "accounts"), "<sip:caller@127.0.0.1>;regint=0\n");

        await RunAsync("baresip", $"-f {config} -t 9 -e \"/dial sip:bot@127.0.0.1:{_host.SipPort}\"", TimeSpan.FromSeconds(30));

        _host.Gateway.CallsAnswered.Should().Be(1);
        var prompt = WavFile.ReadMono8k(_prompt);

        // What baresip heard (its decoder's output) contains our prompt.
        var heardFile = Directory.GetFiles(dumps, "*-dec.wav").Should().ContainSingle().Subject;
        var heard = WavFile.ReadMono8k(heardFile);
        Correlation.Best(heard, prompt[..8000]).Should().BeGreaterThan(0.8, "baresip must hear the prompt it was played");

        // Our recording: left = caller (baresip's chirp), right = platform (the prompt).
        var recording = Directory.GetFiles(_host.RecordingDirectory, "*.wav", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        var (samples, rate, channels) = WavFile.Read(recording);
        rate.Should().Be(8000);
        channels.Should().Be(2);
        var left = samples.Where((_, i) => i % 2 == 0).ToArray();
        var right = samples.Where((_, i) => i % 2 == 1).ToArray();
        var caller = WavFile.ReadMono8k(_callerAudio);
        Correlation.Best(left, caller[..8000]).Should().BeGreaterThan(0.8, "the caller channel holds what baresip sent");
        Correlation.Best(right, prompt[..8000]).Should().BeGreaterThan(0.95, "the platform channel holds what we sent");
        Correlation.Best(left, prompt[..8000]).Should().BeLessThan(0.5, "the channels are not mixed");
    }

    private static async Task RunAsync(string file, string arguments, TimeSpan? timeout = null)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        })!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish: {await output} {await errors}");
        }
        if (process.ExitCode != 0 && file != "baresip") throw new InvalidOperationException($"{file} {arguments} failed: {await errors}");
    }
}
