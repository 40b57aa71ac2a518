using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RevoVoice.Media.Conversation;
using RevoVoice.Media.Speech.Recognition;
using RevoVoice.Media.Speech.Recognition.PocketSphinx;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Speech.Synthesis.ESpeak;
using RevoVoice.Media.Speech.Vad;
using RevoVoice.Telephony.Codecs;
using Spectre.Console;

namespace RevoVoice.Bench.Speech;

/// <summary>
/// The speech engine under call load, through the MediaCall seam (8 kHz G.711 caller audio from flite slt, a sender
/// paced at 20 ms like RTP): ASR real-time factor, how many conversations stay real-time at once, the answer latency
/// from end of turn to the first packet and barge-in stop time; and the greeting latency over real SIP
/// (<see cref="SipGreetingLatency"/>).
/// </summary>
internal static class SpeechBenchmark
{
    private const string Area = "speech";
    private const int FrameSamples = AudioFrame.SamplesPerFrame;
    private const string LongPrompt = "Welcome to the contact centre. Please listen carefully, as our menu options have changed. " +
        "For billing questions, say billing. For technical support, say support. For anything else, stay on the line.";

    public static async Task RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var modelPath = Path.Combine(settings.RepositoryRoot, ".revovoice", "models", "silero_vad.onnx");
        if (!File.Exists(modelPath)) throw new FileNotFoundException("run `./revovoice infra up` first (Silero VAD model)", modelPath);
        using var recognizer = new PocketSphinxRecognizer(Options.Create(new PocketSphinxOptions { MaxDecoders = 64 }));
        using var espeak = new ESpeakSynthesizer();
        var synthesizer = new CachingSpeechSynthesizer(espeak, 64);
        using var vad = new VoiceActivityDetectorFactory(Options.Create(new VadOptions { SileroModelPath = modelPath }), NullLogger<VoiceActivityDetectorFactory>.Instance);
        var grammar = new SpeechGrammar("bench", CallerVoice.Sentences);
        var callers = CallerVoice.Sentences.Select(CallerVoice.Telephone).ToArray();
        recognizer.WarmUp(4);

        AnsiConsole.MarkupLine($"[grey]set-up: pocketsphinx 0.8 en-us with a JSGF grammar of {grammar.Phrases.Count} call-centre phrases, Silero VAD v4 (ONNX Runtime, 1 thread per run), espeak-ng in process; " +
            "caller audio = flite slt, 8 kHz G.711 mu-law, fed through the MediaCall seam (no SIP); bot audio drained by a 20 ms paced sender. " +
            "The machine is shared with other agents' builds and tests, so figures are depressed.[/]");

        Figure("asr_rtf", AsrRealTimeFactor(recognizer, grammar, callers), "x");
        AnsiConsole.MarkupLine($"[grey]free speech (en-us LM) for comparison: {AsrRealTimeFactor(recognizer, null, callers):0.000}x real time[/]");

        var concurrent = await ConcurrentStreamsAsync(recognizer, synthesizer, vad, grammar, callers, cancellationToken);
        Figure("concurrent_realtime_streams", concurrent, "streams");

        var latencies = await ResponseLatencyAsync(recognizer, synthesizer, vad, grammar, callers, cancellationToken);
        Figure("response_latency_p50_ms", Percentile(latencies, 0.50), "ms");
        Figure("response_latency_p95_ms", Percentile(latencies, 0.95), "ms");

        var greetings = await SipGreetingLatency.MeasureAsync(modelPath, 20, cancellationToken);
        Figure("greeting_latency_ms", Percentile(greetings, 0.50), "ms");
        Figure("greeting_latency_p95_ms", Percentile(greetings, 0.95), "ms");

        var stops = await BargeInAsync(recognizer, synthesizer, vad, grammar, callers, cancellationToken);
        Figure("bargein_stop_ms", stops.Max(), "ms");
        AnsiConsole.MarkupLine($"[grey]barge-in: {stops.Count} interruptions, worst shown; median {Percentile(stops, 0.5):0.0} ms (VAD decision to the first silent sender tick)[/]");
    }

    private static void Figure(string name, double value, string unit) => BenchOutput.Figure(Area, name, value, unit);

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static double AsrRealTimeFactor(PocketSphinxRecognizer recognizer, SpeechGrammar? grammar, short[][] callers)
    {
        var audioSeconds = 0.0;
        var clock = new Stopwatch();
        foreach (var caller in callers)
        {
            var wide = new Upsampler8To16().Process(caller);
            audioSeconds += wide.Length / 16_000.0;
            clock.Start();
            var stream = recognizer.StartAsync(new RecognitionRequest(grammar), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            for (var offset = 0; offset + 320 <= wide.Length; offset += 320)
                stream.AcceptAsync(wide.AsMemory(offset, 320), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            stream.CompleteAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            stream.DisposeAsync().AsTask().GetAwaiter().GetResult();
            clock.Stop();
        }
        return clock.Elapsed.TotalSeconds / audioSeconds;
    }

    /// <summary>Runs more and more conversations with caller audio paced at real time, until they fall behind.</summary>
    private static async Task<int> ConcurrentStreamsAsync(PocketSphinxRecognizer recognizer, ISpeechSynthesizer synthesizer, IVoiceActivityDetectorFactory vad,
        SpeechGrammar grammar, short[][] callers, CancellationToken cancellationToken)
    {
        var best = 0;
        var cpuPerStream = double.NaN;
        foreach (var count in new[] { 4, 8, 12, 16, 20, 24, 32, 40, 48 })
        {
            recognizer.WarmUp(count);
            var scripts = Enumerable.Range(0, count).Select(i => Script(
                (0.5, null), (0, callers[i % callers.Length]), (1.0, null), (0, callers[(i + 5) % callers.Length]), (1.0, null))).ToArray();
            var run = await RunCallsAsync(count, scripts, recognizer, synthesizer, vad, grammar, "", cancellationToken);
            var worst = run.Calls.Max(c => c.MaxBacklog) * 20;
            var p95 = Percentile(run.Calls.SelectMany(c => c.Backlog).Select(b => b * 20.0).ToList(), 0.95);
            var turns = run.Reporter.Of<UtteranceRecognizedReport>().Count();
            var audioSeconds = scripts[0].Length / (double)AudioFrame.SampleRate;
            var cpu = run.CpuSeconds / (count * audioSeconds);
            // A run that fell behind did not do all its work: the CPU cost comes from the last run that kept up
            // (or the first run, when none did).
            if (double.IsNaN(cpuPerStream)) cpuPerStream = cpu;
            AnsiConsole.MarkupLine($"[grey]{count,3} concurrent conversations: input backlog p95 {p95} ms (worst {worst} ms), {turns}/{2 * count} turns recognized, " +
                $"CPU {run.CpuSeconds / run.WallSeconds * 100:0}% of one core, {cpu:0.000} CPU-s per conversation-second[/]");
            // Real-time: the application keeps up with the caller (95 % of the time no more than 100 ms behind; a
            // stall of the whole machine shows in the worst case only) and hears the turns.
            if (p95 > 100 || turns < 2 * count * 0.9) break;
            best = count;
            cpuPerStream = cpu;
        }
        // What the CPU cost alone allows on all cores at 80 % utilisation; differs from the measured figure when
        // other processes take the cores.
        Figure("concurrent_streams_cpu_estimate", Math.Floor(Environment.ProcessorCount * 0.8 / cpuPerStream), "streams");
        return best;
    }

    private static async Task<List<double>> ResponseLatencyAsync(PocketSphinxRecognizer recognizer, ISpeechSynthesizer synthesizer,
        IVoiceActivityDetectorFactory vad, SpeechGrammar grammar, short[][] callers, CancellationToken cancellationToken)
    {
        const int calls = 4, turns = 5;
        var scripts = Enumerable.Range(0, calls).Select(c => Script(
            [(2.5, null), .. Enumerable.Range(0, turns).SelectMany(t => new (double, short[]?)[] { (0, callers[(c * turns + t) % callers.Length]), (3.5, null) })])).ToArray();
        var run = await RunCallsAsync(calls, scripts, recognizer, synthesizer, vad, grammar, "Hello, how can I help?", cancellationToken);
        var responses = run.Reporter.Of<BotRespondedReport>().Where(r => r.Text.StartsWith("You said", StringComparison.Ordinal)).Select(r => (double)r.LatencyMs).ToList();
        AnsiConsole.MarkupLine($"[grey]answer latency: {responses.Count} answers in {calls} concurrent calls (end-of-turn decision, after {new ConversationOptions().EndOfTurnSilence.TotalMilliseconds} ms of silence, to the first packet on the sender)[/]");
        return responses;
    }

    private static async Task<List<double>> BargeInAsync(PocketSphinxRecognizer recognizer, ISpeechSynthesizer synthesizer, IVoiceActivityDetectorFactory vad,
        SpeechGrammar grammar, short[][] callers, CancellationToken cancellationToken)
    {
        const int calls = 6;
        var scripts = Enumerable.Range(0, calls).Select(c => Script((1.0 + 0.1 * c, null), (0, callers[c % callers.Length]), (1.0, null))).ToArray();
        var run = await RunCallsAsync(calls, scripts, recognizer, synthesizer, vad, grammar, LongPrompt, cancellationToken);
        var stops = new List<double>();
        foreach (var (call, index) in run.Calls.Select((c, i) => (c, i)))
        {
            var bargeIn = run.Reporter.Of<CallerBargedInReport>().FirstOrDefault(r => r.CallId == call.Call.Id);
            if (bargeIn is null) continue;
            var silent = call.Ticks.FirstOrDefault(t => t.At >= bargeIn.At && !t.Sent);
            if (silent != default) stops.Add((silent.At - bargeIn.At).TotalMilliseconds);
        }
        if (stops.Count < calls) AnsiConsole.MarkupLine($"[yellow]only {stops.Count}/{calls} callers barged in[/]");
        return stops;
    }

    private static short[] Script(params (double SilenceSeconds, short[]? Speech)[] parts) =>
        [.. parts.SelectMany(p => p.Speech ?? new short[(int)(p.SilenceSeconds * AudioFrame.SampleRate)])];

    private sealed record Run(IReadOnlyList<BenchCall> Calls, BenchReporter Reporter, double CpuSeconds, double WallSeconds);

    private static async Task<Run> RunCallsAsync(int count, short[][] scripts, PocketSphinxRecognizer recognizer, ISpeechSynthesizer synthesizer,
        IVoiceActivityDetectorFactory vad, SpeechGrammar grammar, string greeting, CancellationToken cancellationToken)
    {
        var reporter = new BenchReporter();
        var responder = Options.Create(new ResponderOptions { Greeting = greeting.Length > 0 ? greeting : "Hi.", ExpectedPhrases = [.. grammar.Phrases], HangUpPhrases = [] });
        var calls = new List<BenchCall>();
        var sessions = new List<Task>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var call = new BenchCall(DateTimeOffset.UtcNow);
            calls.Add(call);
            var session = new ConversationSession(call.Call, new ReadBackResponder(responder), recognizer, synthesizer, vad, reporter,
                new ConversationOptions(), new VadOptions.SegmentationSettings(), VoicePersona.Default, TimeProvider.System, NullLogger.Instance);
            sessions.Add(Task.Run(() => session.RunAsync(stop.Token), CancellationToken.None));
        }

        // One clock writes every call's next frame; after a stall it catches up, as a jitter buffer releases late packets.
        var frames = scripts.Max(s => s.Length) / FrameSamples;
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(AudioFrame.Duration);
        var written = 0;
        while (written < frames && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var due = Math.Min(frames, (int)(clock.Elapsed / AudioFrame.Duration) + 1);
            foreach (var call in calls) call.MeasureBacklog();
            for (; written < due; written++)
                for (var c = 0; c < count; c++)
                {
                    var offset = written * FrameSamples;
                    calls[c].Write(offset + FrameSamples <= scripts[c].Length ? scripts[c].AsSpan(offset, FrameSamples) : new short[FrameSamples]);
                }
        }
        await Task.Delay(TimeSpan.FromMilliseconds(600), cancellationToken);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var wallSeconds = wall.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(sessions);
        foreach (var call in calls) await call.DisposeAsync();
        return new Run(calls, reporter, cpuSeconds, wallSeconds);
    }
}
