namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// Streaming 16 kHz to 8 kHz resampler: the same 95-tap windowed-sinc low-pass as <see cref="Upsampler8To16"/>
/// removes everything above ~4 kHz before every other sample is kept, so synthesised speech does not alias.
/// Feed an even number of samples per call; the filter state carries over between calls.
/// </summary>
public sealed class Downsampler16To8
{
    private readonly float[] _kernel;
    private readonly int _history;
    private float[] _buffer;

    public Downsampler16To8()
    {
        _kernel = LowPassKernel.Design();
        _history = _kernel.Length - 1;
        _buffer = new float[_history + 640];
    }

    /// <summary>Writes half as many samples as it reads; <paramref name="input"/> must have an even length.</summary>
    public void Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length % 2 != 0) throw new ArgumentException("Feed an even number of 16 kHz samples.", nameof(input));
        if (output.Length < input.Length / 2) throw new ArgumentException("The output must hold half the input.", nameof(output));
        if (_buffer.Length < _history + input.Length) Array.Resize(ref _buffer, _history + input.Length);
        for (var i = 0; i < input.Length; i++) _buffer[_history + i] = input[i];
        for (var n = 0; n < input.Length / 2; n++)
        {
            var newest = _history + 2 * n + 1;
            float sum = 0;
            for (var k = 0; k < _kernel.Length; k++) sum += _kernel[k] * _buffer[newest - k];
            output[n] = LowPassKernel.Saturate(sum);
        }
        Array.Copy(_buffer, input.Length, _buffer, 0, _history);
    }

    public short[] Process(ReadOnlySpan<short> input)
    {
        var output = new short[input.Length / 2];
        Process(input, output);
        return output;
    }

    public void Reset() => Array.Clear(_buffer);
}
