namespace RevoVoice.Media.Speech.Vad;

/// <summary>
/// Configuration section <c>RevoVoice:Speech</c>: the Silero model file (<c>RevoVoice:Speech:SileroModelPath</c>, put
/// in .revovoice/models/ by <c>./revovoice infra up</c>) and the speech segmentation thresholds under <c>Vad</c>.
/// </summary>
public sealed class VadOptions
{
    public const string Section = "RevoVoice:Speech";

    /// <summary>The Silero VAD ONNX file; when it is missing the energy detector is used and a warning is logged.</summary>
    public string? SileroModelPath { get; set; }

    public SegmentationSettings Vad { get; set; } = new();

    /// <summary><c>.revovoice/models/silero_vad.onnx</c> of the checkout the service runs from (where <c>infra up</c> puts it).</summary>
    public static string? FindSileroModel()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".revovoice", "models", "silero_vad.onnx");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public sealed class SegmentationSettings
    {
        /// <summary><c>silero</c> (default) or <c>energy</c>.</summary>
        public string Engine { get; set; } = "silero";

        /// <summary>A frame scoring at or above this is speech.</summary>
        public float Threshold { get; set; } = 0.5f;

        /// <summary>Once in speech, a frame must score below this to count as silence (hysteresis).</summary>
        public float ReleaseThreshold { get; set; } = 0.35f;

        /// <summary>Speech shorter than this (a cough, a click) never starts an utterance.</summary>
        public TimeSpan MinSpeech { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>Silence this long ends an utterance.</summary>
        public TimeSpan MinSilence { get; set; } = TimeSpan.FromMilliseconds(400);
    }
}
