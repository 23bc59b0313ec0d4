using Hub.Documents.Models;

namespace Hub.Documents.Tests;

/// <summary>Every model rule, with the stable code and the field named in both languages.</summary>
public sealed class ModelValidationTests
{
    public static TheoryData<string, NoticeModel, string, string> InvalidNotices => new()
    {
        { "document id with a slash", TestData.Notice with { DocumentId = "N/1" }, DocumentErrorCodes.InvalidField, "DocumentId" },
        { "document id too long", TestData.Notice with { DocumentId = new string('a', 65) }, DocumentErrorCodes.InvalidField, "DocumentId" },
        { "3 digits of My Number", TestData.Notice with { MyNumberLast4 = "018" }, DocumentErrorCodes.InvalidField, "MyNumberLast4" },
        { "5 digits of My Number", TestData.Notice with { MyNumberLast4 = "89018" }, DocumentErrorCodes.InvalidField, "MyNumberLast4" },
        { "full-width digits", TestData.Notice with { MyNumberLast4 = "９０１８" }, DocumentErrorCodes.InvalidField, "MyNumberLast4" },
        { "symbol too long", TestData.Notice with { Member = TestData.Member with { SymbolNumber = new SymbolNumber("123456789", "1", "01") } }, DocumentErrorCodes.InvalidField, "Symbol" },
        { "symbol with a hyphen", TestData.Notice with { Member = TestData.Member with { SymbolNumber = new SymbolNumber("12-34", "1", "01") } }, DocumentErrorCodes.InvalidField, "Symbol" },
        { "number with letters", TestData.Notice with { Member = TestData.Member with { SymbolNumber = new SymbolNumber("2718", "12a", "01") } }, DocumentErrorCodes.InvalidField, "Number" },
        { "number of 11 digits", TestData.Notice with { Member = TestData.Member with { SymbolNumber = new SymbolNumber("2718", "12345678901", "01") } }, DocumentErrorCodes.InvalidField, "Number" },
        { "branch of 1 digit", TestData.Notice with { Member = TestData.Member with { SymbolNumber = new SymbolNumber("2718", "1", "1") } }, DocumentErrorCodes.InvalidField, "Branch" },
        { "empty name", TestData.Notice with { Member = TestData.Member with { Name = " " } }, DocumentErrorCodes.InvalidField, "Member.Name" },
        { "name of 41 characters", TestData.Notice with { Member = TestData.Member with { Name = TestData.LongestName + "郎" } }, DocumentErrorCodes.InvalidField, "Member.Name" },
        { "name with a tab", TestData.Notice with { Member = TestData.Member with { Name = "山田\t太郎" } }, DocumentErrorCodes.InvalidField, "Member.Name" },
        { "kana in hiragana", TestData.Notice with { Member = TestData.Member with { NameKana = "やまだ たろう" } }, DocumentErrorCodes.InvalidField, "Member.NameKana" },
        { "half-width kana", TestData.Notice with { Member = TestData.Member with { NameKana = "ﾔﾏﾀﾞ ﾀﾛｳ" } }, DocumentErrorCodes.InvalidField, "Member.NameKana" },
        { "kana of 61 characters", TestData.Notice with { Member = TestData.Member with { NameKana = TestData.LongestKana + "ア" } }, DocumentErrorCodes.InvalidField, "Member.NameKana" },
        { "unknown sex", TestData.Notice with { Member = TestData.Member with { Sex = (Sex)9 } }, DocumentErrorCodes.InvalidField, "Member.Sex" },
        { "unknown role", TestData.Notice with { Member = TestData.Member with { Role = (MemberRole)9 } }, DocumentErrorCodes.InvalidField, "Member.Role" },
        { "qualified before birth", TestData.Notice with { Member = TestData.Member with { QualificationDate = new DateOnly(1985, 4, 11) } }, DocumentErrorCodes.InconsistentDates, "Member.BirthDate" },
        { "issued before birth", TestData.Notice with { IssueDate = new DateOnly(1985, 4, 11), Member = TestData.Member with { QualificationDate = new DateOnly(1985, 4, 12) } }, DocumentErrorCodes.InconsistentDates, "IssueDate" },
        { "copayment at 69", TestData.Notice with { Member = TestData.SeniorMember with { Copayment = new HighAgeCopayment(CopaymentRate.TwentyPercent, new DateOnly(2024, 6, 14)) } }, DocumentErrorCodes.InvalidField, "Copayment" },
        { "copayment at 75", TestData.Notice with { Member = TestData.SeniorMember with { Copayment = new HighAgeCopayment(CopaymentRate.ThirtyPercent, new DateOnly(2029, 6, 15)) } }, DocumentErrorCodes.InvalidField, "Copayment" },
        { "unknown copayment rate", TestData.Notice with { Member = TestData.SeniorMember with { Copayment = new HighAgeCopayment((CopaymentRate)5, new DateOnly(2024, 7, 1)) } }, DocumentErrorCodes.InvalidField, "Copayment.Rate" },
        { "insurer number of 7 digits", TestData.Notice with { Insurer = TestData.Insurer with { InsurerNumber = "0613999" } }, DocumentErrorCodes.InvalidField, "Insurer.InsurerNumber" },
        { "insurer postal code 100-00011", TestData.Notice with { Insurer = TestData.Insurer with { PostalCode = "100-00011" } }, DocumentErrorCodes.InvalidField, "Insurer.PostalCode" },
        { "insurer postal code 10-00011", TestData.Notice with { Insurer = TestData.Insurer with { PostalCode = "10-00011" } }, DocumentErrorCodes.InvalidField, "Insurer.PostalCode" },
        { "insurer phone with letters", TestData.Notice with { Insurer = TestData.Insurer with { Phone = "03-CALL-NOW" } }, DocumentErrorCodes.InvalidField, "Insurer.Phone" },
        { "insurer name of 31 characters", TestData.Notice with { Insurer = TestData.Insurer with { Name = new string('健', 31) } }, DocumentErrorCodes.InvalidField, "Insurer.Name" },
        { "recipient without name", TestData.Notice with { Recipient = TestData.Recipient with { Name = "" } }, DocumentErrorCodes.InvalidField, "Recipient.Name" },
        { "recipient postal code of 6 digits", TestData.Notice with { Recipient = TestData.Recipient with { PostalCode = "150000" } }, DocumentErrorCodes.InvalidField, "Recipient.PostalCode" },
    };

    [Theory]
    [MemberData(nameof(InvalidNotices))]
    public void Rejects_invalid_notices(string because, NoticeModel model, string code, string field)
    {
        var error = Assert.Throws<DocumentException>(model.Validate);

        Assert.True(code == error.Code, because);
        Assert.Contains(field, error.MessageEn, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageJa), because);
        Assert.Contains(error.Code, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1956-06-15", "2026-07-01")] // 70: the first month after the 70th birthday
    [InlineData("1956-07-01", "2026-07-01")] // born on the 1st: from the birthday month
    [InlineData("1951-06-16", "2026-06-01")] // still 74
    public void Accepts_copayment_for_ages_70_to_74_on_its_effective_date(string birth, string effective)
    {
        var member = TestData.SeniorMember with
        {
            BirthDate = DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture),
            Copayment = new HighAgeCopayment(CopaymentRate.ThirtyPercent, DateOnly.Parse(effective, System.Globalization.CultureInfo.InvariantCulture)),
        };

        (TestData.Notice with { Member = member }).Validate();
    }

    [Theory]
    [InlineData("1000001")]
    [InlineData("100-0001")]
    public void Accepts_both_postal_code_forms(string postalCode)
    {
        (TestData.Notice with { Recipient = TestData.Recipient with { PostalCode = postalCode } }).Validate();
    }

    [Fact]
    public void Accepts_a_recipient_with_only_a_name_and_a_notice_without_recipient()
    {
        (TestData.Notice with { Recipient = new MailingAddress { Name = "山田 太郎" } }).Validate();
        (TestData.Notice with { Recipient = null }).Validate();
    }

    public static TheoryData<string, ReminderLetterModel, string> InvalidReminders => new()
    {
        { "expiring e-certificate without expiry", TestData.Reminder(ReminderReason.ElectronicCertificateExpiring) with { ExpiryDate = null }, "ExpiryDate" },
        { "expiring card without grace end", TestData.Reminder(ReminderReason.CardExpiring) with { GraceEndDate = null }, "GraceEndDate" },
        { "grace end before expiry", TestData.Reminder(ReminderReason.CardExpiring) with { GraceEndDate = new DateOnly(2027, 2, 13) }, "ExpiryDate" },
        { "due after grace end", TestData.Reminder(ReminderReason.ElectronicCertificateExpiring) with { DueDate = new DateOnly(2027, 6, 1) }, "DueDate" },
        { "grace reminder without expired item", TestData.Reminder(ReminderReason.GracePeriodEnding) with { ExpiredItem = null }, "ExpiredItem" },
        { "grace reminder due after grace end", TestData.Reminder(ReminderReason.GracePeriodEnding) with { DueDate = new DateOnly(2027, 6, 1) }, "DueDate" },
        { "departure without date", TestData.Reminder(ReminderReason.OverseasDeparture) with { DepartureDate = null }, "DepartureDate" },
        { "departure due on the day of departure", TestData.Reminder(ReminderReason.OverseasDeparture) with { DueDate = new DateOnly(2027, 1, 15) }, "DueDate" },
        { "certificate reminder without end date", TestData.Reminder(ReminderReason.CertificateExpiring) with { ExpiryDate = null }, "ExpiryDate" },
        { "certificate reminder due after end", TestData.Reminder(ReminderReason.CertificateExpiring) with { DueDate = new DateOnly(2027, 2, 15) }, "DueDate" },
        { "unknown reason", TestData.Reminder(ReminderReason.CardExpiring) with { Reason = (ReminderReason)42 }, "Reason" },
        { "member name missing", TestData.Reminder(ReminderReason.CardExpiring) with { MemberName = "" }, "MemberName" },
    };

    [Theory]
    [MemberData(nameof(InvalidReminders))]
    public void Rejects_reminders_missing_what_their_reason_needs(string because, ReminderLetterModel model, string field)
    {
        var error = Assert.Throws<DocumentException>(model.Validate);

        Assert.True(error.MessageEn.Contains(field, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.False(string.IsNullOrWhiteSpace(error.MessageJa));
    }

    [Fact]
    public void Null_parts_are_argument_errors()
    {
        Assert.Throws<ArgumentNullException>((TestData.Notice with { Member = null! }).Validate);
        Assert.Throws<ArgumentNullException>((TestData.Certificate with { Insurer = null! }).Validate);
        Assert.Throws<ArgumentNullException>((TestData.Reminder(ReminderReason.CardExpiring) with { SymbolNumber = null! }).Validate);
    }
}
