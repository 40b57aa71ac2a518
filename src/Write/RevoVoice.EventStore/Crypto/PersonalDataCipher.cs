using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RevoVoice.EventStore;

/// <summary>
/// Encrypts personal-data fields in an event's serialized JSON, and decrypts or erases them on read.
/// An encrypted field becomes the string <c>$pii:v1:{kind}:{base64(nonce | tag | ciphertext)}</c> where kind is
/// <c>s</c> (the value was a string) or <c>j</c> (any other JSON value), so that after the key is gone the reader
/// still knows whether to show the marker (strings) or to leave the value out (numbers, objects: they read as the
/// property type's default). AES-256-GCM with the data subject as
/// associated data binds each ciphertext to its subject. An empty payload means "written after the subject was forgotten".
/// </summary>
internal static class PersonalDataCipher
{
    private static ReadOnlySpan<byte> Utf8Prefix => "$pii:v1:"u8;
    private static readonly string Prefix = Encoding.ASCII.GetString(Utf8Prefix);
    private const int NonceSize = 12, TagSize = 16;

    /// <summary>The most personal-data paths one event type may declare (one bit each while sealing).</summary>
    public const int MaxPaths = 64;

    /// <summary>
    /// The event's serialized JSON with the values at <paramref name="paths"/> (each the property names from the root) sealed; null values
    /// stay null. The sealed strings are spliced into the serializer's bytes, so appending an event builds no JSON tree.
    /// </summary>
    public static string EncryptFields(ReadOnlySpan<byte> json, IReadOnlyList<string[]> paths, string subject, byte[]? key)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paths.Count, MaxPaths);
        // One cipher and one copy of the associated data for all the event's fields: each AesGcm is a native context.
        using var aes = key is null ? null : new AesGcm(key, TagSize);
        var associatedData = Encoding.UTF8.GetBytes(subject);
        var output = new ArrayBufferWriter<byte>(json.Length + 256);
        var copied = 0;
        // enclosingMatches[d]: one bit per path whose first d names are the objects around the current position.
        var enclosingMatches = new List<ulong> { ulong.MaxValue };
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;

            var depth = reader.CurrentDepth; // 1 for the root object's properties
            var matches = 0UL;
            var isPersonal = false;
            for (var i = 0; i < paths.Count; i++)
            {
                if ((enclosingMatches[depth - 1] & (1UL << i)) == 0 || paths[i].Length < depth || !reader.ValueTextEquals(paths[i][depth - 1])) continue;
                matches |= 1UL << i;
                isPersonal |= paths[i].Length == depth;
            }
            reader.Read();
            if (isPersonal && reader.TokenType != JsonTokenType.Null)
            {
                var start = (int)reader.TokenStartIndex;
                var isString = reader.TokenType == JsonTokenType.String;
                // A string is sealed unescaped (its UTF-8 text), any other value as its JSON text.
                var unescaped = isString ? ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length) : null;
                var unescapedLength = isString ? reader.CopyString(unescaped) : 0;
                reader.Skip(); // past an object or array; a no-op on any other value
                var end = (int)reader.BytesConsumed;
                output.Write(json[copied..start]);
                Seal(output, isString ? unescaped.AsSpan(0, unescapedLength) : json[start..end], isString ? (byte)'s' : (byte)'j', aes, associatedData);
                // The plain text is personal data: it does not stay behind in a shared buffer.
                if (unescaped is not null) ArrayPool<byte>.Shared.Return(unescaped, clearArray: true);
                copied = end;
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                enclosingMatches.RemoveRange(depth, enclosingMatches.Count - depth);
                enclosingMatches.Add(matches);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Skip(); // paths name object properties, never array items
            }
        }
        output.Write(json[copied..]);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Replaces every sealed value in the tree; returns what happened to them.</summary>
    public static PersonalDataState OpenFields(JsonNode? node, string subject, byte[]? key)
    {
        var state = PersonalDataState.None;
        Walk(node, subject, key, ref state);
        return state;
    }

    private static void Walk(JsonNode? node, string subject, byte[]? key, ref PersonalDataState state)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[name];
                    if (!TryOpen(child, subject, key, ref state, out var replacement)) Walk(child, subject, key, ref state);
                    // An erased non-string value is left out, so it deserializes as its type's default instead of failing on null.
                    else if (replacement is null) obj.Remove(name);
                    else obj[name] = replacement;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (TryOpen(array[i], subject, key, ref state, out var replacement)) array[i] = replacement;
                    else Walk(array[i], subject, key, ref state);
                }
                break;
        }
    }

    private static bool TryOpen(JsonNode? node, string subject, byte[]? key, ref PersonalDataState state, out JsonNode? replacement)
    {
        replacement = null;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return false;
        var text = value.GetValue<string>();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length < Prefix.Length + 2) return false;

        var kind = text[Prefix.Length];
        var payload = text.AsSpan(Prefix.Length + 2);
        var plain = key is null || payload.IsEmpty ? null : Unseal(payload, subject, key);
        if (plain is null)
        {
            state = PersonalDataState.Erased;
            replacement = kind == 's' ? JsonValue.Create(PersonalData.ErasedMarker) : null;
            return true;
        }
        if (state == PersonalDataState.None) state = PersonalDataState.Decrypted;
        replacement = kind == 's' ? JsonValue.Create(plain) : JsonNode.Parse(plain);
        return true;
    }

    /// <summary>
    /// Writes the sealed value as a JSON string. It is ASCII with nothing JSON escapes (prefix, kind and base64), so it
    /// goes in unescaped.
    /// </summary>
    private static void Seal(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> plain, byte kind, AesGcm? aes, ReadOnlySpan<byte> associatedData)
    {
        output.Write("\""u8);
        output.Write(Utf8Prefix);
        output.Write([kind, (byte)':']);
        if (aes is not null)
        {
            var sealedLength = NonceSize + TagSize + plain.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(sealedLength);
            var sealedBytes = buffer.AsSpan(0, sealedLength);
            var nonce = sealedBytes[..NonceSize];
            RandomNumberGenerator.Fill(nonce);
            aes.Encrypt(nonce, plain, sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), associatedData);
            Base64.EncodeToUtf8(sealedBytes, output.GetSpan(Base64.GetMaxEncodedToUtf8Length(sealedLength)), out _, out var written);
            output.Advance(written);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        output.Write("\""u8);
    }

    private static string? Unseal(ReadOnlySpan<char> payload, string subject, byte[] key)
    {
        var sealedBytes = new byte[payload.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(payload, sealedBytes, out var length) || length < NonceSize + TagSize) return null;
        var plain = new byte[length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize, plain.Length),
                sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(subject));
        }
        catch (AuthenticationTagMismatchException)
        {
            // Wrong key or tampered bytes: the value cannot be recovered, which reads exactly like an erased one.
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }
}
