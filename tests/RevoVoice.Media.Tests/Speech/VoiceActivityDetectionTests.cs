using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RevoVoice.Media.Speech.Vad;

namespace RevoVoice.Media.Tests.Speech;

public sealed class VoiceActivityDetectionTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>Two real utterances from the cards recordings with a second of silence before, between and after.</summary>
    private static (short[] Audio, TimeSpan[] Starts) TwoUtterances()
    {
        var first = WaveFile.Read(TestData.Cards[0].Path).Samples;
        var second = WaveFile.Read(TestData.Cards[2].Path).Samples;
        var silence = new short[16_000];
        short[] audio = [.. silence, .. first, .. silence, .. second, .. silence];
        return (audio, [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2 + first.Length / 16_000.0)]);
    }

    private static List<(SpeechEvent Event, TimeSpan At)> Segment(IVoiceActivityDetector detector, short[] audio, VadOptions.SegmentationSettings settings)
    {
        var segmenter = new SpeechSegmenter(settings);
        var events = new List<(SpeechEvent, TimeSpan)>();
        for (var offset = 0; offset + 320 <= audio.Length; offset += 320)
        {
            var e = segmenter.Push(detector.Process(audio.AsSpan(offset, 320)), Frame);
            if (e is SpeechEvent.SpeechStarted or SpeechEvent.SpeechEnded) events.Add((e, e == SpeechEvent.SpeechStarted ? segmenter.SpeechStart : segmenter.Position));
        }
        return events;
    }

    private static VoiceActivityDetectorFactory Factory(string engine, string? path) =>
        new(Options.Create(new VadOptions { SileroModelPath = path, Vad = new() { Engine = engine } }), NullLogger<VoiceActivityDetectorFactory>.Instance);

    [Theory]
    [InlineData("silero")]
    [InlineData("energy")]
    public void when_two_real_utterances_are_separated_by_silence_each_gets_one_start_and_one_end_near_its_onset(string engine)
    {
        using var factory = Factory(engine, VadOptions.FindSileroModel());
        factory.Engine.Should().Be(engine);
        using var detector = factory.Create();
        var (audio, starts) = TwoUtterances();

        var events = Segment(detector, audio, new VadOptions.SegmentationSettings());

        events.Select(e => e.Event).Should().Equal(SpeechEvent.SpeechStarted, SpeechEvent.SpeechEnded, SpeechEvent.SpeechStarted, SpeechEvent.SpeechEnded);
        events[0].At.Should().BeCloseTo(starts[0], TimeSpan.FromMilliseconds(350));
        events[2].At.Should().BeCloseTo(starts[1], TimeSpan.FromMilliseconds(350));
    }

    [Fact]
    public void when_the_line_carries_only_steady_noise_silero_hears_no_speech()
    {
        using var factory = Factory("silero", VadOptions.FindSileroModel());
        using var detector = factory.Create();
        var random = new Random(7);
        var noise = Enumerable.Range(0, 16_000 * 3).Select(_ => (short)random.Next(-1500, 1500)).ToArray();

        Segment(detector, noise, new VadOptions.SegmentationSettings()).Should().BeEmpty();
    }

    [Fact]
    public void when_the_silero_model_file_is_missing_the_energy_detector_takes_over()
    {
        using var factory = Factory("silero", "/nonexistent/silero_vad.onnx");
        factory.Engine.Should().Be("energy");
        factory.Create().Should().BeOfType<EnergyVoiceActivityDetector>();
    }

    [Fact]
    public void when_speech_is_shorter_than_the_minimum_it_is_dropped_and_silence_shorter_than_the_budget_does_not_end_it()
    {
        var segmenter = new SpeechSegmenter(new VadOptions.SegmentationSettings { MinSpeech = TimeSpan.FromMilliseconds(100), MinSilence = TimeSpan.FromMilliseconds(300) });
        var events = new List<SpeechEvent>();
        void Push(float p, int frames) { for (var i = 0; i < frames; i++) events.Add(segmenter.Push(p, Frame)); }

        Push(0.9f, 4);  // 80 ms click
        Push(0.0f, 10);
        events.Should().Contain(SpeechEvent.CandidateDropped).And.NotContain(SpeechEvent.SpeechStarted);

        events.Clear();
        Push(0.9f, 10); // 200 ms of speech
        Push(0.0f, 10); // a 200 ms pause inside the turn
        Push(0.9f, 10);
        Push(0.0f, 15); // 300 ms: the turn ends
        events.Where(e => e != SpeechEvent.None).Should().Equal(SpeechEvent.CandidateStarted, SpeechEvent.SpeechStarted, SpeechEvent.SpeechEnded);
        segmenter.SpeechStart.Should().Be(TimeSpan.FromMilliseconds(280));
        segmenter.LastSpeech.Should().Be(TimeSpan.FromMilliseconds(880));
    }
}
