namespace RevoVoice.Telephony.Codecs;

/// <summary>Designs the Kaiser-windowed sinc low-pass filter shared by the 8/16 kHz resamplers.</summary>
internal static class LowPassKernel
{
    /// <summary>95 taps at 16 kHz: passband to ~3.4 kHz, more than 70 dB down past ~4.2 kHz; group delay 47 samples.</summary>
    public const int Taps = 95;

    public static float[] Design(double cutoffHz = 3800, double sampleRate = 16000, double beta = 7.0)
    {
        var kernel = new double[Taps];
        var middle = (Taps - 1) / 2.0;
        var fc = cutoffHz / sampleRate;
        var sum = 0.0;
        for (var i = 0; i < Taps; i++)
        {
            var x = i - middle;
            var sinc = x == 0 ? 2 * fc : Math.Sin(2 * Math.PI * fc * x) / (Math.PI * x);
            var ratio = 2.0 * i / (Taps - 1) - 1.0;
            var window = BesselI0(beta * Math.Sqrt(1 - ratio * ratio)) / BesselI0(beta);
            kernel[i] = sinc * window;
            sum += kernel[i];
        }
        return kernel.Select(k => (float)(k / sum)).ToArray();
    }

    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        for (var k = 1; k < 50; k++)
        {
            term *= x / (2 * k);
            sum += term * term;
            if (term * term < 1e-12 * sum) break;
        }
        return sum;
    }

    public static short Saturate(float value) =>
        value >= short.MaxValue ? short.MaxValue : value <= short.MinValue ? short.MinValue : (short)MathF.Round(value);
}
