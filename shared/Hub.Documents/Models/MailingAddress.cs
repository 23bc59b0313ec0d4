namespace Hub.Documents.Models;

/// <summary>宛先: where the document is mailed (the member, the insured person, or the employer for forwarding).</summary>
public sealed record MailingAddress
{
    /// <summary>郵便番号, 7 digits with or without the hyphen (e.g. 100-0001).</summary>
    public string? PostalCode { get; init; }

    /// <summary>住所, first line.</summary>
    public string? Address { get; init; }

    /// <summary>住所, second line (building, or the employer's department for forwarding).</summary>
    public string? AddressLine2 { get; init; }

    /// <summary>宛名; printed with 様.</summary>
    public required string Name { get; init; }

    internal IEnumerable<(string? Text, string Field, string Label)> PrintedTexts() =>
    [
        (Name, "Recipient.Name", "宛名"), (Address, "Recipient.Address", "住所"), (AddressLine2, "Recipient.AddressLine2", "住所（2行目）"),
    ];

    internal void Validate()
    {
        FieldRules.Text(Name, "Recipient.Name", "宛名", 40);
        FieldRules.OptionalText(Address, "Recipient.Address", "住所", 60);
        FieldRules.OptionalText(AddressLine2, "Recipient.AddressLine2", "住所（2行目）", 60);
        if (PostalCode is not null)
            PostalCodes.Validate(PostalCode, "Recipient.PostalCode");
    }
}

/// <summary>郵便番号 checks and formatting (nnn-nnnn).</summary>
internal static class PostalCodes
{
    public static void Validate(string value, string field)
    {
        var digits = value.Replace("-", "", StringComparison.Ordinal);
        FieldRules.Digits(digits, field, "郵便番号", 7, 7);
        if (value.Length != 7 && (value.Length != 8 || value[3] != '-'))
            throw FieldRules.Invalid(field, "郵便番号", "must look like 1000001 or 100-0001", "は 1000001 または 100-0001 の形式で指定してください");
    }

    public static string Format(string value)
    {
        var digits = value.Replace("-", "", StringComparison.Ordinal);
        return $"〒{digits[..3]}-{digits[3..]}";
    }
}
