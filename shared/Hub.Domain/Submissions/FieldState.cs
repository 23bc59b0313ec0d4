namespace Hub.Domain.Submissions;

/// <summary>What validation made of one cell.</summary>
internal enum FieldState : byte
{
    /// <summary>Empty, or the header lacks the column.</summary>
    Absent,

    /// <summary>Read and parsed.</summary>
    Valid,

    /// <summary>Could not be read (an error was reported).</summary>
    Invalid,
}
