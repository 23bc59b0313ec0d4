using Hub.Domain.Text;

namespace Hub.Domain.Submissions;

/// <summary>The lookup key of a code-list value or a header name: normalised width, ASCII lower case, no spaces, hyphens or underscores.</summary>
internal static class CodeKey
{
    /// <summary>Longer text is never a code.</summary>
    public const int MaxLength = 64;

    /// <summary>Writes the key of <paramref name="text"/> into <paramref name="destination"/> (≥ text length); returns its length.</summary>
    public static int Write(ReadOnlySpan<char> text, Span<char> destination)
    {
        int n = JapaneseTextNormalizer.Normalize(text, destination, kana: false);
        int w = 0;
        for (int i = 0; i < n; i++)
        {
            char c = destination[i];
            if (c is ' ' or '-' or '_')
            {
                continue;
            }

            destination[w++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        return w;
    }

    /// <summary>The key as a string (for building lookup tables).</summary>
    public static string Of(string text)
    {
        // Header cells come from uploaded files: never put an unbounded length on the stack.
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        return new string(buffer[..Write(text, buffer)]);
    }
}
