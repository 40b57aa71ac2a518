namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>Finds and edits <c>;name=value</c> parameters (names case-insensitive, RFC 3261 7.3.1).</summary>
public static class HeaderParameters
{
    /// <summary>The value of <paramref name="name"/> in a <c>a=b;c;d=e</c> list: "" for a flag, null when absent.</summary>
    public static string? Find(ReadOnlySpan<char> parameters, string name)
    {
        while (!parameters.IsEmpty)
        {
            var end = IndexOfUnquoted(parameters, ';');
            var item = (end < 0 ? parameters : parameters[..end]).Trim();
            var equals = item.IndexOf('=');
            var key = (equals < 0 ? item : item[..equals]).Trim();
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                return equals < 0 ? "" : item[(equals + 1)..].Trim().Trim('"').ToString();
            if (end < 0) break;
            parameters = parameters[(end + 1)..];
        }
        return null;
    }

    /// <summary>Index of <paramref name="separator"/> outside double quotes and angle brackets, or -1.</summary>
    public static int IndexOfUnquoted(ReadOnlySpan<char> text, char separator)
    {
        var quoted = false;
        var angle = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == '<') angle++;
            else if (c == '>' && angle > 0) angle--;
            else if (c == separator && angle == 0) return i;
        }
        return -1;
    }

    /// <summary>Splits a list header value at top-level commas.</summary>
    public static List<string> SplitList(string value)
    {
        var items = new List<string>(1);
        var rest = value.AsSpan();
        while (true)
        {
            var comma = IndexOfUnquoted(rest, ',');
            var item = (comma < 0 ? rest : rest[..comma]).Trim();
            if (!item.IsEmpty) items.Add(item.ToString());
            if (comma < 0) return items;
            rest = rest[(comma + 1)..];
        }
    }
}
