namespace RevoVoice.Media.Calls;

/// <summary>
/// What happens on an answered call (echo, play a WAV, the AI conversation). One instance per call, resolved
/// by the name in <c>RevoVoice:Media:Application</c>; register with <see cref="CallApplicationRegistration.AddCallApplication{T}"/>.
/// </summary>
public interface ICallApplication
{
    /// <summary>
    /// Runs the call until it ends or the application is done. Returning does not hang up; the host hangs up
    /// (BYE, reason PlatformHungUp) when an application returns while the call is still up.
    /// <paramref name="cancellationToken"/> is <see cref="MediaCall.Ended"/> joined with service shutdown.
    /// </summary>
    Task RunAsync(MediaCall call, CancellationToken cancellationToken);
}
