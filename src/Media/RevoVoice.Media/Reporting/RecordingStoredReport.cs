using RevoVoice.Contracts.Calls;

namespace RevoVoice.Media.Reporting;

/// <summary>RecordCallRecording: a consented recording was stored (sent at hang-up, once the file is finished).</summary>
public sealed record RecordingStoredReport(Guid CallId, DateTimeOffset At, string Path, double DurationSeconds) : CallReport(CallId, At)
{
    public override string Route => "calls/recordings";

    public override object Body => new RecordCallRecording(CommandId, CallId, Path, DurationSeconds);
}
