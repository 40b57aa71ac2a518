namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// Streaming 8 kHz to 16 kHz resampler (zero-stuffing plus a 95-tap windowed-sinc low-pass, computed as two
/// polyphase branches). Keeps its filter state between calls, so feed one call's frames in order through one
/// instance; the output lags the input by 47 samples at 16 kHz (~2.9 ms).
/// </summary>
public sealed class Upsampler8To16
{
    private readonly float[] _even;
    private readonly float[] _odd;
    private readonly int _history;
    private float[] _buffer;

    public Upsampler8To16()
    {
        var kernel = LowPassKernel.Design();
        // y[2n] = 2 * sum h[2j] x[n-j]; y[2n+1] = 2 * sum h[2j+1] x[n-j]; the factor 2 restores the energy zero-stuffing removed.
        _even = Enumerable.Range(0, (kernel.Length + 1) / 2).Select(j => 2 * kernel[2 * j]).ToArray();
        _odd = Enumerable.Range(0, kernel.Length / 2).Select(j => 2 * kernel[2 * j + 1]).ToArray();
        _history = _even.Length - 1;
        _buffer = new float[_history + 320];
    }

    /// <summary>Writes exactly twice as many samples as it reads.</summary>
    public void Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (output.Length < input.Length * 2) throw new ArgumentException("The output must hold twice the input.", nameof(output));
        if (_buffer.Length < _history + input.Length) Array.Resize(ref _buffer, _history + input.Length);
        for (var i = 0; i < input.Length; i++) _buffer[_history + i] = input[i];
        for (var n = 0; n < input.Length; n++)
        {
            var newest = _history + n;
            float even = 0, odd = 0;
            for (var j = 0; j < _even.Length; j++) even += _even[j] * _buffer[newest - j];
            for (var j = 0; j < _odd.Length; j++) odd += _odd[j] * _buffer[newest - j];
            output[2 * n] = LowPassKernel.Saturate(even);
            output[2 * n + 1] = LowPassKernel.Saturate(odd);
        }
        Array.Copy(_buffer, input.Length, _buffer, 0, _history);
    }

    public short[] Process(ReadOnlySpan<short> input)
    {
        var output = new short[input.Length * 2];
        Process(input, output);
        return output;
    }

    /// <summary>Forgets the filter state (e.g. between calls).</summary>
    public void Reset()
    {
        Array.Clear(_buffer);
    }
}
