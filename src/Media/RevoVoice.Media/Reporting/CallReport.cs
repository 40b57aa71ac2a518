namespace RevoVoice.Media.Reporting;

/// <summary>
/// One fact about a call for the Write side's command API. Each report knows its route (relative to
/// <c>RevoVoice:Write:BaseUrl</c>) and its JSON body, so new report kinds are added without touching the reporter.
/// </summary>
public abstract record CallReport(Guid CallId, DateTimeOffset At)
{
    /// <summary>The relative route this report is POSTed to (src/Write/RevoVoice.Write/Http/ROUTES.md), e.g. <c>calls/answer</c>.</summary>
    public abstract string Route { get; }

    /// <summary>The JSON body (serialised with web defaults: camelCase).</summary>
    public abstract object Body { get; }

    /// <summary>
    /// A stable id, so a retried POST is recognisably the same command; time-ordered, so the ids of the events it appends
    /// sort by time (see the Write side's EventIds).
    /// </summary>
    public Guid CommandId { get; init; } = Guid.CreateVersion7();
}
