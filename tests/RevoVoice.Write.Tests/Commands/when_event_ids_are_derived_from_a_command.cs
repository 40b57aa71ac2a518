using System.Security.Cryptography;
using System.Text;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Commands;

public sealed class when_event_ids_are_derived_from_a_command
{
    // Stored events carry these ids, so the derivation may never change: a retry of a command appended before the change
    // would no longer be recognised.
    private static Guid Documented(Guid commandId, string streamId, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{commandId:N}/{streamId}/{index}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [Theory]
    [InlineData("call-7c9e6679742540de944be07fc1f90ae7", 0)]
    [InlineData("customer-phone-+441632960002", 2)]
    [InlineData("agent-Zoë-Ängström", 12345)]
    public void they_are_the_documented_name_based_hash(string streamId, int index)
    {
        var commandId = Guid.Parse("9b2f1c4e-8d1a-4c55-b0a4-3e1f5d6c7b8a");
        EventIds.For(commandId, streamId, index).Should().Be(Documented(commandId, streamId, index));
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
