namespace RevoVoice.Media.Calls;

/// <summary>Sends the caller's audio straight back: the bare media path for interop and load tests.</summary>
public sealed class EchoApplication : ICallApplication
{
    public async Task RunAsync(MediaCall call, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in call.Input.ReadAllAsync(cancellationToken))
            {
                // Keep the echo close behind the caller: if the output lags by more than 200 ms, drop the backlog.
                if (call.Output.QueuedFrames > 10) call.Output.Flush();
                call.Output.Enqueue(frame);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
