using System.Security.Cryptography;
using System.Text;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Commands;

public sealed class when_event_ids_are_derived_from_a_command
{
    // Stored events carry these ids, so the derivation may never change: a retry of a command appended before the change
    // would no longer be recognised. A time-ordered (version 7) command id lends the ids its 48-bit timestamp.
    private static Guid Documented(Guid commandId, string streamId, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{commandId:N}/{streamId}/{index}"));
        if (commandId.Version == 7) commandId.ToByteArray(bigEndian: true).AsSpan(0, 6).CopyTo(hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [Theory]
    [InlineData("9b2f1c4e-8d1a-4c55-b0a4-3e1f5d6c7b8a", "call-7c9e6679742540de944be07fc1f90ae7", 0)]
    [InlineData("9b2f1c4e-8d1a-4c55-b0a4-3e1f5d6c7b8a", "customer-phone-+441632960002", 2)]
    [InlineData("9b2f1c4e-8d1a-4c55-b0a4-3e1f5d6c7b8a", "agent-Zoë-Ängström", 12345)]
    [InlineData("019ab5f2-3c40-7d1e-9a2b-5c6d7e8f9012", "call-7c9e6679742540de944be07fc1f90ae7", 0)]
    [InlineData("019ab5f2-3c40-7d1e-9a2b-5c6d7e8f9012", "agent-Zoë-Ängström", 3)]
    public void they_are_the_documented_name_based_hash(string command, string streamId, int index)
    {
        var commandId = Guid.Parse(command);
        EventIds.For(commandId, streamId, index).Should().Be(Documented(commandId, streamId, index));
    }

    [Fact]
    public void the_ids_of_time_ordered_commands_sort_in_the_commands_order()
    {
        var start = DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var commands = Enumerable.Range(0, 200).Select(i => Guid.CreateVersion7(start.AddMilliseconds(i))).ToArray();

        // PostgreSQL orders uuids by their bytes, most significant first.
        var stored = commands.Select(c => EventIds.For(c, "call-1", 0)).OrderBy(id => Convert.ToHexString(id.ToByteArray(bigEndian: true)));

        stored.Should().Equal(commands.Select(c => EventIds.For(c, "call-1", 0)));
        EventIds.For(commands[0], "call-1", 0).Version.Should().Be(8);
    }

    [Fact]
    public void a_long_stream_id_gives_the_same_ids_as_a_short_one_would()
    {
        var commandId = Guid.NewGuid();
        var streamId = "call-" + new string('x', 600);
        EventIds.For(commandId, streamId, 1).Should().Be(Documented(commandId, streamId, 1));
    }

    [Fact]
    public void they_differ_by_command_stream_and_index()
    {
        var commandId = Guid.NewGuid();
        new[] { EventIds.For(commandId, "call-1", 0), EventIds.For(commandId, "call-1", 1), EventIds.For(commandId, "call-2", 0), EventIds.For(Guid.NewGuid(), "call-1", 0) }
            .Should().OnlyHaveUniqueItems();
    }
}
