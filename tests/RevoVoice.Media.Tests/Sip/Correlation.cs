namespace RevoVoice.Media.Tests.Sip;

/// <summary>Normalised cross-correlation: how well a reference clip matches the best-aligned window of a signal (1 = identical shape).</summary>
public static class Correlation
{
    public static double Best(short[] signal, short[] reference, int step = 2)
    {
        var best = 0.0;
        double referenceEnergy = 0;
        foreach (var r in reference) referenceEnergy += (double)r * r;
        if (referenceEnergy == 0) return 0;
        for (var lag = 0; lag + reference.Length <= signal.Length; lag += step)
        {
            double dot = 0, energy = 0;
            for (var i = 0; i < reference.Length; i++)
            {
                var s = signal[lag + i];
                dot += (double)s * reference[i];
                energy += (double)s * s;
            }
            if (energy > 0) best = Math.Max(best, dot / Math.Sqrt(energy * referenceEnergy));
        }
        return best;
    }
}
