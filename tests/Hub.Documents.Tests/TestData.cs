using Hub.Documents.Models;

namespace Hub.Documents.Tests;

/// <summary>Synthetic members and insurers. The My Number 123456789018 is synthetic (valid check digit).</summary>
internal static class TestData
{
    public const string SyntheticMyNumber = "123456789018";
    public static readonly DateTimeOffset FixedTime = new(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(9));

    public static DocumentOptions Options => new() { FixedCreationTime = FixedTime };

    public static InsurerInfo Insurer => new()
    {
        InsurerNumber = "06139992",
        Name = "みなと電機健康保険組合",
        PostalCode = "105-0011",
        Address = "東京都港区芝公園一丁目2番3号 みなとビル5階",
        Phone = "03-1234-5678",
        ContactName = "マイナンバー専用ダイヤル",
        ContactHours = "平日 9:00～17:00",
    };

    public static MemberInfo Member => new()
    {
        SymbolNumber = new SymbolNumber("2718", "3141592", "01"),
        Name = "山田 太郎",
        NameKana = "ヤマダ タロウ",
        BirthDate = new DateOnly(1985, 4, 12),
        Sex = Sex.Male,
        Role = MemberRole.Insured,
        QualificationDate = new DateOnly(2019, 5, 1),
    };

    /// <summary>Aged 72 on issue: 一部負担金の割合 is printed.</summary>
    public static MemberInfo SeniorMember => Member with
    {
        Name = "佐藤 花子",
        NameKana = "サトウ ハナコ",
        Sex = Sex.Female,
        Role = MemberRole.Dependent,
        BirthDate = new DateOnly(1954, 6, 15),
        QualificationDate = new DateOnly(1989, 1, 8),
        Copayment = new HighAgeCopayment(CopaymentRate.TwentyPercent, new DateOnly(2024, 7, 1)),
    };

    public static MailingAddress Recipient => new()
    {
        PostalCode = "1500001",
        Address = "東京都渋谷区神宮前一丁目1番1号",
        AddressLine2 = "サンプルマンション101号室",
        Name = "山田 太郎",
    };

    public static NoticeModel Notice => new()
    {
        DocumentId = "N-20261121-000123",
        IssueDate = new DateOnly(2026, 11, 21),
        Insurer = Insurer,
        Recipient = Recipient,
        Member = Member,
        MyNumberLast4 = SyntheticMyNumber[^4..],
    };

    public static CertificateModel Certificate => new()
    {
        DocumentId = "C-20261121-000045",
        IssueDate = new DateOnly(2026, 11, 21),
        ValidUntil = new DateOnly(2031, 7, 31),
        Insurer = Insurer,
        Recipient = Recipient,
        Member = Member,
    };

    public static ReminderLetterModel Reminder(ReminderReason reason) => new()
    {
        DocumentId = "R-20261121-000007",
        IssueDate = new DateOnly(2026, 11, 21),
        Insurer = Insurer,
        Recipient = Recipient,
        SymbolNumber = Member.SymbolNumber,
        MemberName = "山田 太郎",
        Reason = reason,
        DueDate = reason switch
        {
            ReminderReason.OverseasDeparture => new DateOnly(2027, 1, 14),
            ReminderReason.GracePeriodEnding => new DateOnly(2027, 5, 31),
            _ => new DateOnly(2027, 2, 14),
        },
        ExpiryDate = reason == ReminderReason.OverseasDeparture ? null : new DateOnly(2027, 2, 14),
        GraceEndDate = reason is ReminderReason.OverseasDeparture or ReminderReason.CertificateExpiring ? null : new DateOnly(2027, 5, 31),
        DepartureDate = reason == ReminderReason.OverseasDeparture ? new DateOnly(2027, 1, 15) : null,
        ExpiredItem = reason == ReminderReason.GracePeriodEnding ? ExpiredItem.Card : null,
    };

    /// <summary>40 characters: the longest name the models accept.</summary>
    public const string LongestName = "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処やぶら";

    /// <summary>60 characters: the longest フリガナ the models accept.</summary>
    public const string LongestKana = "ジュゲムジュゲムゴコウノスリキレカイジャリスイギョノスイギョウマツウンライマツフウライマツクウネルトコロニスムトコロヤブ";

    /// <summary>20 characters, a realistic long name.</summary>
    public const string LongName = "寿限無寿限無五劫の擦り切れ海砂利水魚の水";
}
