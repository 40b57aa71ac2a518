namespace RevoVoice.Media.Speech.Vad;

/// <summary>
/// The cheap fallback: frame energy against an adaptive noise floor, mapped to a pseudo-probability. Reacts to any
/// loud sound, so it needs the segmenter's minimum durations more than Silero does.
/// </summary>
public sealed class EnergyVoiceActivityDetector : IVoiceActivityDetector
{
    private const double InitialFloorDb = -60;
    private double noiseFloorDb = InitialFloorDb;

    public float Process(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        var db = 10 * Math.Log10(sum / samples.Length / (32768.0 * 32768.0) + 1e-12);
        // The floor follows quiet frames quickly and loud ones slowly, so speech does not raise it.
        noiseFloorDb += (db < noiseFloorDb ? 0.2 : 0.002) * (db - noiseFloorDb);
        noiseFloorDb = Math.Max(noiseFloorDb, -70);
        var aboveFloor = db - Math.Max(noiseFloorDb, -55);
        // 9 dB above the floor maps to 0.5.
        return (float)(1 / (1 + Math.Exp(-(aboveFloor - 9) / 2)));
    }

    public void Reset() => noiseFloorDb = InitialFloorDb;

    public void Dispose() { }
}
