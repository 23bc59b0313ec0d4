using System.Globalization;

namespace Hub.Documents.Models;

/// <summary>Shared checks for model fields; every failure names the field in English and Japanese.</summary>
internal static class FieldRules
{
    public static void Text(string? value, string field, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid(field, label, "is required", "は必須です");
        if (value.Length > maxLength)
            throw Invalid(field, label, $"is longer than {maxLength} characters", $"は{maxLength}文字以内にしてください");
        if (value.Any(char.IsControl))
            throw Invalid(field, label, "contains control characters", "に制御文字が含まれています");
    }

    public static void OptionalText(string? value, string field, string label, int maxLength)
    {
        if (value is not null)
            Text(value, field, label, maxLength);
    }

    public static void Digits(string? value, string field, string label, int minLength, int maxLength)
    {
        var length = minLength == maxLength ? $"{minLength}" : $"{minLength}–{maxLength}";
        var lengthJa = minLength == maxLength ? $"{minLength}桁" : $"{minLength}～{maxLength}桁";
        if (value is null || value.Length < minLength || value.Length > maxLength || !value.All(char.IsAsciiDigit))
            throw Invalid(field, label, $"must be {length} ASCII digits", $"は半角数字{lengthJa}で指定してください");
    }

    public static void DocumentId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 ||
            !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw Invalid("DocumentId", "文書番号", "must be 1–64 characters of A–Z, a–z, 0–9, '-', '_', '.'",
                "は半角英数字と - _ . の1～64文字で指定してください");
    }

    public static void NotAfter(DateOnly earlier, string earlierField, string earlierLabel, DateOnly later, string laterField, string laterLabel)
    {
        if (earlier > later)
            throw new DocumentException(DocumentErrorCodes.InconsistentDates,
                $"{earlierField} ({Iso(earlier)}) is after {laterField} ({Iso(later)})",
                $"{earlierLabel}（{Iso(earlier)}）が{laterLabel}（{Iso(later)}）より後になっています");
    }

    public static DocumentException Invalid(string field, string label, string en, string ja) =>
        new(DocumentErrorCodes.InvalidField, $"{field} {en}", $"{label}{ja}");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
