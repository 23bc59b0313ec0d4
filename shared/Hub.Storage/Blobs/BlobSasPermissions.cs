using System.Text;

namespace Hub.Storage.Blobs;

/// <summary>What a blob SAS (<c>sr=b</c>) allows. For links in events, use <see cref="Read"/> only.</summary>
[Flags]
public enum BlobSasPermissions
{
    /// <summary><c>r</c>: read content, properties and metadata.</summary>
    Read = 1,

    /// <summary><c>a</c>: add blocks to an append blob.</summary>
    Add = 2,

    /// <summary><c>c</c>: create a new blob (not overwrite an existing one).</summary>
    Create = 4,

    /// <summary><c>w</c>: write content, properties and metadata (including overwriting and staging blocks).</summary>
    Write = 8,

    /// <summary><c>d</c>: delete the blob.</summary>
    Delete = 16,

    /// <summary><c>l</c>: list (meaningful for containers).</summary>
    List = 32,

    /// <summary>All of the above.</summary>
    All = Read | Add | Create | Write | Delete | List,
}

/// <summary>
/// What a container SAS (<c>sr=c</c>) allows on the container's blobs. An employer's upload folder gets
/// <see cref="Create"/> | <see cref="Write"/> only: it can upload, but not read, list or delete.
/// </summary>
[Flags]
public enum BlobContainerSasPermissions
{
    /// <summary><c>r</c>: read any blob's content, properties and metadata.</summary>
    Read = 1,

    /// <summary><c>a</c>: add blocks to append blobs.</summary>
    Add = 2,

    /// <summary><c>c</c>: create new blobs.</summary>
    Create = 4,

    /// <summary><c>w</c>: write blobs (content, blocks, properties, metadata).</summary>
    Write = 8,

    /// <summary><c>d</c>: delete blobs.</summary>
    Delete = 16,

    /// <summary><c>l</c>: list blobs.</summary>
    List = 32,

    /// <summary>All of the above.</summary>
    All = Read | Add | Create | Write | Delete | List,
}

/// <summary>Which protocols a SAS may be used over.</summary>
public enum SasProtocol
{
    /// <summary>Not restricted (no <c>spr</c>; the service allows both).</summary>
    None,

    /// <summary><c>spr=https,http</c>: also plain HTTP (Azurite and local development only).</summary>
    HttpsAndHttp,

    /// <summary><c>spr=https</c>: HTTPS only (production).</summary>
    Https,
}

/// <summary>Permission letters in the order the service requires.</summary>
internal static class SasPermissionLetters
{
    private static readonly (int Flag, char Letter)[] Order =
        [(1, 'r'), (2, 'a'), (4, 'c'), (8, 'w'), (16, 'd'), (32, 'l')];

    public static string ToLetters(int flags)
    {
        var sb = new StringBuilder(6);
        foreach (var (flag, letter) in Order)
            if ((flags & flag) != 0) sb.Append(letter);
        return sb.ToString();
    }

    /// <summary>Parses letters in any order into the canonical order; refuses unknown or repeated letters.</summary>
    public static string Normalize(string letters)
    {
        var flags = 0;
        foreach (var c in letters)
        {
            var match = Array.FindIndex(Order, o => o.Letter == c);
            if (match < 0 || (flags & Order[match].Flag) != 0)
                throw BlobErrors.InvalidSas($"Unknown or repeated SAS permission '{c}' in '{letters}'; use r, a, c, w, d, l.",
                    $"SAS の権限 '{c}'（'{letters}' 内）は不明か重複しています。r, a, c, w, d, l を使ってください。", nameof(letters));
            flags |= Order[match].Flag;
        }
        return ToLetters(flags);
    }
}
