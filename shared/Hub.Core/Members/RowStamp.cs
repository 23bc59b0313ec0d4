using System.Globalization;

namespace Hub.Core.Members;

/// <summary>
/// The position of a row in submission order: when the row was staged, then submission id, then row number.
/// Stamps compare ordinally; a field keeps the value of the row with the greatest stamp that set it.
/// </summary>
public readonly record struct RowStamp(DateTimeOffset StagedAt, string SubmissionId, int RowNumber) : IComparable<RowStamp>
{
    /// <summary>The stored form (sorts like the stamp).</summary>
    public string Value => string.Create(CultureInfo.InvariantCulture, $"{StagedAt.UtcTicks:D19}|{SubmissionId}|{RowNumber:D7}");

    /// <inheritdoc />
    public int CompareTo(RowStamp other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
