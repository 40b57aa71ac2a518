using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Telephony.Tests.Codecs;

public class ResamplerTests
{
    private static short[] Sine(double frequency, int rate, int count, double amplitude = 8000) =>
        Enumerable.Range(0, count).Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Signal-to-error ratio against the ideal signal, after removing the filter's delay.</summary>
    private static double SnrDb(short[] actual, short[] ideal, int delay, int skip)
    {
        double signal = 0, noise = 0;
        for (var i = skip; i + delay < actual.Length && i < ideal.Length; i++)
        {
            signal += (double)ideal[i] * ideal[i];
            noise += Math.Pow(actual[i + delay] - ideal[i], 2);
        }
        return 10 * Math.Log10(signal / noise);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    [InlineData(3000)]
    public void when_8k_speech_band_tones_are_upsampled_in_20ms_frames_they_come_out_clean_at_16k(double frequency)
    {
        var input = Sine(frequency, 8000, 8000);
        var upsampler = new Upsampler8To16();
        var output = new List<short>();
        foreach (var frame in input.Chunk(160)) output.AddRange(upsampler.Process(frame));
        output.Should().HaveCount(16000);
        SnrDb(output.ToArray(), Sine(frequency, 16000, 16000), delay: 47, skip: 200).Should().BeGreaterThan(35);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(2500)]
    public void when_16k_tones_are_downsampled_in_20ms_frames_they_come_out_clean_at_8k(double frequency)
    {
        var input = Sine(frequency, 16000, 16000);
        var downsampler = new Downsampler16To8();
        var output = new List<short>();
        foreach (var frame in input.Chunk(320)) output.AddRange(downsampler.Process(frame));
        output.Should().HaveCount(8000);
        // 47 samples of delay at 16 kHz is 23.5 at 8 kHz; compare against the ideal 8 kHz sine shifted by that much.
        var ideal = Enumerable.Range(0, 8000).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * frequency * (i - 23.5 + 0.5) / 8000))).ToArray();
        SnrDb(output.ToArray(), ideal, delay: 0, skip: 100).Should().BeGreaterThan(30);
    }

    [Fact]
    public void when_a_16k_tone_above_4k_is_downsampled_it_does_not_alias_into_the_speech_band()
    {
        var output = new Downsampler16To8().Process(Sine(6000, 16000, 16000));
        var level = 20 * Math.Log10(Rms(output.AsSpan(200)) / (8000 / Math.Sqrt(2)));
        level.Should().BeLessThan(-50, "a 6 kHz tone would alias to 2 kHz without the low-pass filter");
    }

    [Fact]
    public void when_upsampled_the_image_above_4k_is_suppressed()
    {
        // A 3 kHz tone zero-stuffed to 16 kHz has an image at 5 kHz; remove the 3 kHz tone and measure what remains.
        var output = new Upsampler8To16().Process(Sine(3000, 8000, 8000));
        var ideal = Sine(3000, 16000, 16000);
        SnrDb(output, ideal, delay: 47, skip: 200).Should().BeGreaterThan(35, "the 5 kHz image must be filtered out");
    }
}
