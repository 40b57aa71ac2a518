using System.Buffers.Binary;
using System.Threading.Channels;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Media.Recording;

/// <summary>
/// Writes a consented call to a stereo 8 kHz PCM16 WAV: the caller on the left channel, the platform on the
/// right, one 20 ms frame of each per media tick so both stay aligned (silence where a side had nothing).
/// Frames are queued by the media clock and written by a background task, so disk I/O never delays RTP.
/// </summary>
public sealed class CallRecorder : IAsyncDisposable
{
    private const int Samples = AudioFrame.SamplesPerFrame;

    private readonly Channel<(short[]? Caller, short[]? Platform)> _frames =
        Channel.CreateUnbounded<(short[]?, short[]?)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly FileStream _file;
    private readonly Task _writing;
    private long _dataBytes;

    public CallRecorder(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
        _file.Write(new byte[44]);
        _writing = Task.Run(WriteLoopAsync);
    }

    public string Path { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds(Interlocked.Read(ref _dataBytes) / (AudioFrame.SampleRate * 4.0));

    /// <summary>One tick's audio; called from the media clock, never blocks.</summary>
    public void Append(ReadOnlyMemory<short>? caller, short[]? platform) =>
        _frames.Writer.TryWrite((caller?.ToArray(), platform));

    private async Task WriteLoopAsync()
    {
        var buffer = new byte[Samples * 4];
        await foreach (var (caller, platform) in _frames.Reader.ReadAllAsync())
        {
            for (var i = 0; i < Samples; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * 4), caller is null ? (short)0 : caller[i]);
                BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * 4 + 2), platform is null ? (short)0 : platform[i]);
            }
            await _file.WriteAsync(buffer);
            Interlocked.Add(ref _dataBytes, buffer.Length);
        }
    }

    /// <summary>Finishes the file (header with the final length).</summary>
    public async ValueTask DisposeAsync()
    {
        _frames.Writer.TryComplete();
        await _writing;
        var header = new byte[44];
        WavFile.WriteHeader(header, (int)Interlocked.Read(ref _dataBytes), AudioFrame.SampleRate, channels: 2);
        _file.Seek(0, SeekOrigin.Begin);
        await _file.WriteAsync(header);
        await _file.DisposeAsync();
    }
}
