using RevoVoice.Media.Calls;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>
/// The call application the SIP tests run: the callee's user part picks the behaviour (<c>hangup</c>: play a
/// second of tone and hang up; <c>transfer</c>: blind-transfer to an agent; anything else: echo), and every call
/// logs its DTMF, echoed frames and statistics in <see cref="ScenarioLog"/>.
/// </summary>
public sealed class ScenarioApplication(ScenarioLog log) : ICallApplication
{
    public const string AgentUri = "sip:agent@127.0.0.1:5999";

    public async Task RunAsync(MediaCall call, CancellationToken cancellationToken)
    {
        var observation = log.For(call.Info.SipCallId);
        Interlocked.Increment(ref observation.Runs);
        var digits = Task.Run(async () =>
        {
            await foreach (var key in call.Dtmf.ReadAllAsync(CancellationToken.None)) observation.AddDigit(key.Digit);
        }, CancellationToken.None);
        try
        {
            var user = call.Info.Callee.Split(':', '@')[1];
            switch (user)
            {
                case "hangup":
                    var tone = Enumerable.Range(0, 8000).Select(i => (short)(6000 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();
                    call.Output.Enqueue(tone);
                    await call.Output.WhenIdleAsync(cancellationToken);
                    await call.HangUpAsync(CallEndReason.PlatformHungUp, cancellationToken);
                    break;
                case "transfer":
                    await Task.Delay(300, cancellationToken);
                    observation.TransferAccepted = await call.TransferAsync(AgentUri, cancellationToken);
                    break;
                default:
                    await foreach (var frame in call.Input.ReadAllAsync(cancellationToken))
                    {
                        if (frame.Concealed) Interlocked.Increment(ref observation.ConcealedFrames);
                        call.Output.Enqueue(frame);
                        Interlocked.Increment(ref observation.EchoedFrames);
                    }
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await call.Ended.WhenCanceled();
            await digits;
            observation.Statistics = call.Statistics;
            observation.EndReason = call.EndReason;
            observation.Ended = true;
        }
    }
}

internal static class CancellationTokenExtensions
{
    public static Task WhenCanceled(this CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => done.TrySetResult());
        return done.Task;
    }
}
