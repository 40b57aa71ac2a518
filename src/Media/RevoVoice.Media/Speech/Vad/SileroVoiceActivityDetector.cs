using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RevoVoice.Media.Speech.Vad;

/// <summary>
/// Silero VAD on one stream: 512-sample (32 ms) windows at 16 kHz; between windows the last score stands.
/// </summary>
public sealed class SileroVoiceActivityDetector(SileroVadModel model) : IVoiceActivityDetector
{
    private const int Window = 512;
    private const int Context = 64;
    private readonly float[] pending = new float[Window];
    private readonly DenseTensor<long> sampleRate = new(new long[] { 16_000 }, [1]);
    private float[] context = new float[Context];
    private DenseTensor<float> h = new([2, 1, 64]);
    private DenseTensor<float> c = new([2, 1, 64]);
    private DenseTensor<float> state = new([2, 1, 128]);
    private int filled;
    private float probability;

    public float Process(ReadOnlySpan<short> samples)
    {
        foreach (var s in samples)
        {
            pending[filled++] = s / 32768f;
            if (filled < Window) continue;
            probability = Run();
            filled = 0;
        }
        return probability;
    }

    private float Run()
    {
        var inputName = "input";
        DenseTensor<float> input;
        if (model.IsVersion5)
        {
            // v5 expects the previous window's last 64 samples in front of the new 512.
            var window = new float[Context + Window];
            context.CopyTo(window, 0);
            pending.CopyTo(window, Context);
            context = window[^Context..];
            input = new DenseTensor<float>(window, [1, Context + Window]);
        }
        else input = new DenseTensor<float>((float[])pending.Clone(), [1, Window]);

        var inputs = new List<NamedOnnxValue>(4)
        {
            NamedOnnxValue.CreateFromTensor(inputName, input),
            NamedOnnxValue.CreateFromTensor("sr", sampleRate),
        };
        if (model.IsVersion5) inputs.Add(NamedOnnxValue.CreateFromTensor("state", state));
        else
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("h", h));
            inputs.Add(NamedOnnxValue.CreateFromTensor("c", c));
        }
        using var results = model.Session.Run(inputs);
        float score = 0;
        foreach (var result in results)
        {
            var tensor = result.AsTensor<float>();
            switch (result.Name)
            {
                case "output": score = tensor.GetValue(0); break;
                case "hn": h = Copy(tensor, h.Dimensions); break;
                case "cn": c = Copy(tensor, c.Dimensions); break;
                case "stateN": state = Copy(tensor, state.Dimensions); break;
            }
        }
        return score;
    }

    private static DenseTensor<float> Copy(Tensor<float> tensor, ReadOnlySpan<int> dimensions) => new(tensor.ToArray(), dimensions);

    public void Reset()
    {
        filled = 0;
        probability = 0;
        context = new float[Context];
        h = new DenseTensor<float>([2, 1, 64]);
        c = new DenseTensor<float>([2, 1, 64]);
        state = new DenseTensor<float>([2, 1, 128]);
    }

    public void Dispose() { }
}
