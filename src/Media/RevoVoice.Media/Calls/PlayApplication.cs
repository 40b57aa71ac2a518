using Microsoft.Extensions.Options;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Media.Calls;

/// <summary>Plays the configured WAV (<c>RevoVoice:Media:PlayFile</c>) to the caller, then hangs up.</summary>
public sealed class PlayApplication(IOptions<MediaOptions> options) : ICallApplication
{
    public async Task RunAsync(MediaCall call, CancellationToken cancellationToken)
    {
        var file = options.Value.PlayFile
            ?? throw new InvalidOperationException("The play application needs RevoVoice:Media:PlayFile (a mono PCM16 WAV).");
        var audio = WavFile.ReadMono8k(file);
        call.Output.Enqueue(audio);
        try
        {
            await call.Output.WhenIdleAsync(cancellationToken);
            // Let the last packets reach the caller before BYE overtakes them.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            await call.HangUpAsync(CallEndReason.PlatformHungUp, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
