using System.Collections.Concurrent;

namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>
/// Decoders are expensive to load (~0.5 s, ~20 MB) and cheap to reuse, so they are created on demand up to
/// <see cref="PocketSphinxOptions.MaxDecoders"/>, lent out one stream at a time, and freed when the pool is disposed.
/// </summary>
internal sealed class PocketSphinxDecoderPool : IDisposable
{
    private readonly PocketSphinxOptions options;
    private readonly ConcurrentBag<PocketSphinxDecoder> idle = [];
    private readonly ConcurrentDictionary<PocketSphinxDecoder, byte> all = new();
    private readonly SemaphoreSlim available;
    private bool disposed;

    public PocketSphinxDecoderPool(PocketSphinxOptions options)
    {
        if (options.MaxDecoders < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxDecoders must be at least 1");
        this.options = options;
        available = new SemaphoreSlim(options.MaxDecoders, options.MaxDecoders);
    }

    /// <summary>Decoders loaded so far (idle or lent).</summary>
    public int Loaded => all.Count;

    public void WarmUp(int count)
    {
        var missing = Math.Min(count, options.MaxDecoders) - all.Count;
        var loaded = Enumerable.Range(0, Math.Max(0, missing)).AsParallel().Select(_ => PocketSphinxDecoder.Load(options)).ToList();
        foreach (var decoder in loaded)
        {
            all.TryAdd(decoder, 0);
            idle.Add(decoder);
        }
    }

    public async ValueTask<PocketSphinxDecoder> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await available.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (idle.TryTake(out var decoder)) return decoder;
        try
        {
            decoder = await Task.Run(() => PocketSphinxDecoder.Load(options), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            available.Release();
            throw;
        }
        all.TryAdd(decoder, 0);
        return decoder;
    }

    public void Return(PocketSphinxDecoder decoder)
    {
        if (disposed)
        {
            all.TryRemove(decoder, out _);
            decoder.Dispose();
            return;
        }
        decoder.Abandon();
        idle.Add(decoder);
        available.Release();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        while (idle.TryTake(out var decoder))
        {
            all.TryRemove(decoder, out _);
            decoder.Dispose();
        }
    }
}
