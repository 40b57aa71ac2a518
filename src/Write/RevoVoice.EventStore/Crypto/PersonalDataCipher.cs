using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RevoVoice.EventStore;

/// <summary>
/// Encrypts personal-data fields in place inside an event's JSON, and decrypts or erases them on read.
/// An encrypted field becomes the string <c>$pii:v1:{kind}:{base64(nonce | tag | ciphertext)}</c> where kind is
/// <c>s</c> (the value was a string) or <c>j</c> (any other JSON value), so that after the key is gone the reader
/// still knows whether to show the marker (strings) or to leave the value out (numbers, objects: they read as the
/// property type's default). AES-256-GCM with the data subject as
/// associated data binds each ciphertext to its subject. An empty payload means "written after the subject was forgotten".
/// </summary>
internal static class PersonalDataCipher
{
    private const string Prefix = "$pii:v1:";
    private const int NonceSize = 12, TagSize = 16;

    public static void EncryptFields(JsonObject root, IReadOnlyList<string> paths, string subject, byte[]? key)
    {
        foreach (var path in paths)
        {
            var (parent, name) = Locate(root, path);
            if (parent is null || !parent.TryGetPropertyValue(name, out var value) || value is null) continue;
            var isString = value.GetValueKind() == System.Text.Json.JsonValueKind.String;
            var plain = isString ? value.GetValue<string>() : value.ToJsonString();
            parent[name] = Seal(plain, isString ? 's' : 'j', subject, key);
        }
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
        if (node is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String) return false;
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

    private static string Seal(string plain, char kind, string subject, byte[]? key)
    {
        if (key is null) return $"{Prefix}{kind}:";
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + plainBytes.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(subject));
        return $"{Prefix}{kind}:{Convert.ToBase64String(sealedBytes)}";
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

    private static (JsonObject? Parent, string Name) Locate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next) return (null, "");
            current = next;
        }
        return (current, parts[^1]);
    }
}
