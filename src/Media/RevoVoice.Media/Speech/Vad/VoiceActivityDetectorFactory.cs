using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RevoVoice.Media.Speech.Vad;

/// <summary>Silero when its model file is there, the energy detector otherwise (or when configured).</summary>
public sealed class VoiceActivityDetectorFactory : IVoiceActivityDetectorFactory, IDisposable
{
    private readonly SileroVadModel? silero;

    public VoiceActivityDetectorFactory(IOptions<VadOptions> options, ILogger<VoiceActivityDetectorFactory> logger)
    {
        var settings = options.Value;
        if (!string.Equals(settings.Vad.Engine, "silero", StringComparison.OrdinalIgnoreCase))
        {
            if (!string.Equals(settings.Vad.Engine, "energy", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"unknown VAD engine '{settings.Vad.Engine}' (silero, energy)", nameof(options));
            return;
        }
        var path = settings.SileroModelPath;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            logger.LogWarning("Silero VAD model not found at {Path}; using the energy detector. Run `./revovoice infra up` to unpack it.", path);
            return;
        }
        silero = new SileroVadModel(path);
    }

    public string Engine => silero is null ? "energy" : "silero";

    public IVoiceActivityDetector Create() =>
        silero is null ? new EnergyVoiceActivityDetector() : new SileroVoiceActivityDetector(silero);

    public void Dispose() => silero?.Dispose();
}
