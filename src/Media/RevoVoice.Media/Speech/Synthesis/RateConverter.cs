namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>
/// Streaming sample-rate converter for synthesized speech (e.g. espeak-ng's 22,050 Hz to the telephone's 8,000 Hz):
/// a windowed-sinc interpolator whose cut-off sits below the lower Nyquist frequency, so nothing aliases.
/// State carries over between calls; one instance per utterance.
/// </summary>
public sealed class RateConverter
{
    private const int HalfTaps = 16;
    private const int Phases = 512;
    private readonly double step;
    private readonly double cutoff;
    /// <summary>The kernel tabulated at <see cref="Phases"/> fractional offsets, so no sine is computed per sample.</summary>
    private readonly float[] table;
    private readonly List<float> history = [];
    private double position; // in input samples, relative to history[0]

    public RateConverter(int inputRate, int outputRate)
    {
        step = (double)inputRate / outputRate;
        cutoff = Math.Min(1.0, (double)outputRate / inputRate) * 0.9;
        table = new float[(Phases + 1) * 2 * HalfTaps];
        for (var phase = 0; phase <= Phases; phase++)
            for (var k = -HalfTaps + 1; k <= HalfTaps; k++)
                table[phase * 2 * HalfTaps + k + HalfTaps - 1] = (float)Kernel(k - (double)phase / Phases);
        for (var i = 0; i < HalfTaps; i++) history.Add(0);
        position = HalfTaps;
    }

    /// <summary>Appends converted samples to <paramref name="output"/>.</summary>
    public void Process(ReadOnlySpan<short> input, List<short> output)
    {
        foreach (var s in input) history.Add(s);
        while (position + HalfTaps < history.Count)
        {
            var center = (int)Math.Floor(position);
            var row = (int)Math.Round((position - center) * Phases) * 2 * HalfTaps;
            double sum = 0;
            for (var k = -HalfTaps + 1; k <= HalfTaps; k++)
                sum += history[center + k] * table[row + k + HalfTaps - 1];
            output.Add((short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue));
            position += step;
        }
        // Keep only what the next output samples can still reach.
        var drop = (int)Math.Floor(position) - HalfTaps;
        if (drop > 0)
        {
            history.RemoveRange(0, drop);
            position -= drop;
        }
    }

    /// <summary>Flushes the samples still held back by the filter's look-ahead.</summary>
    public void Complete(List<short> output) => Process(new short[HalfTaps * 2], output);

    private double Kernel(double x)
    {
        var sinc = x == 0 ? 1 : Math.Sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
        var window = 0.5 + 0.5 * Math.Cos(Math.PI * x / HalfTaps); // Hann
        return cutoff * sinc * window;
    }
}
