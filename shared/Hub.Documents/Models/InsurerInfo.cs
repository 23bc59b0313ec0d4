namespace Hub.Documents.Models;

/// <summary>The insurer (保険者) as printed on every document; bound from configuration.</summary>
public sealed record InsurerInfo
{
    /// <summary>保険者番号, 8 digits (e.g. 06131234).</summary>
    public required string InsurerNumber { get; init; }

    /// <summary>保険者名称 (e.g. ○○健康保険組合).</summary>
    public required string Name { get; init; }

    /// <summary>所在地の郵便番号.</summary>
    public required string PostalCode { get; init; }

    /// <summary>所在地.</summary>
    public required string Address { get; init; }

    /// <summary>問い合わせ電話番号.</summary>
    public required string Phone { get; init; }

    /// <summary>問い合わせ窓口の名称 (e.g. マイナンバー専用ダイヤル); optional.</summary>
    public string? ContactName { get; init; }

    /// <summary>受付時間 (e.g. 平日 9:00～17:00); optional.</summary>
    public string? ContactHours { get; init; }

    internal IEnumerable<(string? Text, string Field, string Label)> PrintedTexts() =>
    [
        (Name, "Insurer.Name", "保険者名称"), (Address, "Insurer.Address", "保険者所在地"),
        (ContactName, "Insurer.ContactName", "問い合わせ窓口"), (ContactHours, "Insurer.ContactHours", "受付時間"),
    ];

    internal void Validate()
    {
        FieldRules.Digits(InsurerNumber, "Insurer.InsurerNumber", "保険者番号", 8, 8);
        FieldRules.Text(Name, "Insurer.Name", "保険者名称", 30);
        PostalCodes.Validate(PostalCode, "Insurer.PostalCode");
        FieldRules.Text(Address, "Insurer.Address", "保険者所在地", 60);
        FieldRules.Text(Phone, "Insurer.Phone", "電話番号", 20);
        if (!Phone.All(c => char.IsAsciiDigit(c) || c is '-' or '(' or ')' or ' '))
            throw FieldRules.Invalid("Insurer.Phone", "電話番号", "may contain only digits, '-', '(', ')' and spaces",
                "は半角数字と - ( ) 空白のみで指定してください");
        FieldRules.OptionalText(ContactName, "Insurer.ContactName", "問い合わせ窓口", 30);
        FieldRules.OptionalText(ContactHours, "Insurer.ContactHours", "受付時間", 40);
    }
}
