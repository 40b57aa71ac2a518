using Npgsql;

namespace RevoVoice.EventStore;

/// <summary>The column list every event query selects, and how a row becomes a <see cref="RecordedEvent"/>.</summary>
internal static class EventRows
{
    public const string Columns =
        "e.stream_id, e.stream_revision, e.global_position, e.event_id, e.event_type, e.data::text, e.metadata::text, e.data_subject, e.recorded_at";

    public static RecordedEvent Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetInt64(2),
        reader.GetGuid(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8));
}
