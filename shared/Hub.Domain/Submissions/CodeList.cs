using System.Collections.Frozen;

namespace Hub.Domain.Submissions;

/// <summary>A non-generic view of a code list, for documentation and templates.</summary>
public interface ICodeList
{
    /// <summary>The list's name (e.g. <c>card_state</c>).</summary>
    string Name { get; }

    /// <summary>The values in documentation order.</summary>
    IReadOnlyList<CodeListEntry> Entries { get; }
}

/// <summary>
/// A closed list of values accepted in one column, each with a stable code and Japanese/English spellings.
/// Lookups normalise the text (full-width → half-width, case, spaces, hyphens, underscores) without allocating.
/// </summary>
/// <typeparam name="T">The typed value (an enum or bool).</typeparam>
public sealed class CodeList<T> : ICodeList
    where T : struct
{
    private readonly T[] _values;
    private readonly CodeListEntry[] _entries;
    private readonly FrozenDictionary<string, int> _index;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates a code list; every code and alias must be unique once normalised.</summary>
    public CodeList(string name, params (T Value, string Code, string LabelJa, string LabelEn, string[] Aliases)[] entries)
    {
        Name = name;
        _values = new T[entries.Length];
        _entries = new CodeListEntry[entries.Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            _values[i] = e.Value;
            _entries[i] = new CodeListEntry(e.Code, e.LabelJa, e.LabelEn, e.Aliases);
            foreach (string spelling in e.Aliases.Prepend(e.Code))
            {
                string key = CodeKey.Of(spelling);
                if (!index.TryAdd(key, i) && index[key] != i)
                {
                    throw new InvalidOperationException($"Code list {name}: '{spelling}' is ambiguous.");
                }
            }
        }

        _index = index.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        AllowedJa = string.Join("、", _entries.Select(e => $"{e.Code}({e.LabelJa})"));
        AllowedEn = string.Join(", ", _entries.Select(e => $"{e.Code} ({e.LabelEn})"));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyList<CodeListEntry> Entries => _entries;

    /// <summary>The allowed values for a Japanese message, e.g. <c>1(男)、2(女)</c>.</summary>
    public string AllowedJa { get; }

    /// <summary>The allowed values for an English message.</summary>
    public string AllowedEn { get; }

    /// <summary>Looks a spelling up; false when it is not in the list.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out T value)
    {
        value = default;
        if (text.Length > CodeKey.MaxLength)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[CodeKey.MaxLength];
        int n = CodeKey.Write(text, buffer);
        if (n == 0 || !_lookup.TryGetValue(buffer[..n], out int i))
        {
            return false;
        }

        value = _values[i];
        return true;
    }

    /// <summary>The stable code of a value.</summary>
    public string CodeOf(T value)
    {
        for (int i = 0; i < _values.Length; i++)
        {
            if (EqualityComparer<T>.Default.Equals(_values[i], value))
            {
                return _entries[i].Code;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"Not in code list {Name}.");
    }

    /// <summary>The entry of a value.</summary>
    public CodeListEntry EntryOf(T value) => _entries[Array.IndexOf(_values, value)];
}
