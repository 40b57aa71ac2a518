namespace RevoVoice.Media.Reporting;

/// <summary>
/// Tells the Write side what happened on a call. Never blocks and never throws on the media path: reports are
/// queued and delivered in the background with retries; when the queue is full the oldest report is dropped and counted.
/// </summary>
public interface ICallReporter
{
    void Report(CallReport report);
}
