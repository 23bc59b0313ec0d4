namespace Hub.Domain.Text;

/// <summary>Character tables for kana width conversion and voiced-mark composition.</summary>
internal static class KanaTables
{
    /// <summary>Full-width forms of U+FF61 … U+FF9F (half-width punctuation and katakana, then the two marks).</summary>
    private const string HalfWidthToFull =
        "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";

    public const char HalfWidthVoicedMark = '\uFF9E';
    public const char HalfWidthSemiVoicedMark = '\uFF9F';
    public const char CombiningVoicedMark = '\u3099';
    public const char CombiningSemiVoicedMark = '\u309A';
    public const char SpacingVoicedMark = '\u309B';
    public const char SpacingSemiVoicedMark = '\u309C';

    /// <summary>Maps a half-width katakana block character (U+FF61 … U+FF9F) to its full-width form.</summary>
    public static char HalfToFull(char c) => HalfWidthToFull[c - '\uFF61'];

    /// <summary>True for any voiced / semi-voiced sound mark (combining, spacing or half-width).</summary>
    public static bool IsSoundMark(char c) =>
        c is CombiningVoicedMark or CombiningSemiVoicedMark or SpacingVoicedMark or SpacingSemiVoicedMark
            or HalfWidthVoicedMark or HalfWidthSemiVoicedMark;

    /// <summary>True for the semi-voiced (゜) variants of the marks.</summary>
    public static bool IsSemiVoiced(char mark) =>
        mark is CombiningSemiVoicedMark or SpacingSemiVoicedMark or HalfWidthSemiVoicedMark;

    /// <summary>
    /// The kana composed from a full-width kana (hiragana or katakana) and a sound mark, or '\0' when the
    /// pair does not compose (e.g. ア + ゛).
    /// </summary>
    public static char Compose(char kana, bool semiVoiced)
    {
        // Hiragana and katakana share the layout 0x60 apart; work in katakana and shift back.
        bool hiragana = kana is >= '\u3041' and <= '\u309F';
        char k = hiragana ? (char)(kana + 0x60) : kana;
        char composed = semiVoiced ? ComposeSemiVoiced(k) : ComposeVoiced(k);
        if (composed == '\0')
        {
            return '\0';
        }

        if (hiragana)
        {
            // ヷ ヸ ヹ ヺ have no hiragana counterpart; ゔ (U+3094) and ゞ (U+309E) do.
            return composed is >= '\u30F7' and <= '\u30FA' ? '\0' : (char)(composed - 0x60);
        }

        return composed;
    }

    private static char ComposeVoiced(char k)
    {
        if (k is >= '\u30AB' and <= '\u30C1' && (k - '\u30AB') % 2 == 0)
        {
            return (char)(k + 1); // カ…チ → ガ…ヂ
        }

        if (k is '\u30C4' or '\u30C6' or '\u30C8')
        {
            return (char)(k + 1); // ツテト → ヅデド
        }

        if (k is >= '\u30CF' and <= '\u30DB' && (k - '\u30CF') % 3 == 0)
        {
            return (char)(k + 1); // ハ…ホ → バ…ボ
        }

        return k switch
        {
            '\u30A6' => '\u30F4', // ウ → ヴ
            '\u30EF' => '\u30F7', // ワ → ヷ
            '\u30F0' => '\u30F8', // ヰ → ヸ
            '\u30F1' => '\u30F9', // ヱ → ヹ
            '\u30F2' => '\u30FA', // ヲ → ヺ
            '\u30FD' => '\u30FE', // ヽ → ヾ
            _ => '\0',
        };
    }

    private static char ComposeSemiVoiced(char k) =>
        k is >= '\u30CF' and <= '\u30DB' && (k - '\u30CF') % 3 == 0 ? (char)(k + 2) : '\0'; // ハ…ホ → パ…ポ
}
