namespace RevoVoice.EventStore;

/// <summary>How the database answered one append (the status codes of Sql/3_GroupCommit.sql).</summary>
internal enum AppendStatus
{
    Appended = 0,
    WrongExpectedRevision = 1,
    AlreadyAppended = 2,
    PartlyAppended = 3,
}
