using System.Security.Cryptography;
using System.Text;

namespace RevoVoice.Write.Commands;

/// <summary>
/// Event ids derived from the command id, so a retried command produces the same ids: the handler recognises
/// a command it already applied, and the store treats a re-append of the same ids as a no-op.
/// </summary>
public static class EventIds
{
    public static Guid For(Guid commandId, string streamId, int index)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{commandId:N}/{streamId}/{index}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }
}
