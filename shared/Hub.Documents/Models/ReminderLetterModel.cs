namespace Hub.Documents.Models;

/// <summary>
/// A letter asking a member to act before <see cref="DueDate"/>. Which of the optional dates are required depends
/// on <see cref="Reason"/>: expiring items need <see cref="ExpiryDate"/> and <see cref="GraceEndDate"/>, the grace
/// reminder also <see cref="ExpiredItem"/>, an overseas departure <see cref="DepartureDate"/>, an expiring
/// certificate <see cref="ExpiryDate"/>.
/// </summary>
public sealed record ReminderLetterModel
{
    /// <summary>文書番号 (the reminder id), printed in small type.</summary>
    public required string DocumentId { get; init; }

    /// <summary>発行日.</summary>
    public required DateOnly IssueDate { get; init; }

    /// <summary>The insurer (sender and contact).</summary>
    public required InsurerInfo Insurer { get; init; }

    /// <summary>宛先; null when handed over via the employer without mailing.</summary>
    public MailingAddress? Recipient { get; init; }

    /// <summary>記号・番号・枝番 of the member the letter is about.</summary>
    public required SymbolNumber SymbolNumber { get; init; }

    /// <summary>氏名 of the member the letter is about.</summary>
    public required string MemberName { get; init; }

    /// <summary>Why the member must act.</summary>
    public required ReminderReason Reason { get; init; }

    /// <summary>期限: the last day to act.</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>有効期限 of the e-certificate, the card or the 資格確認書.</summary>
    public DateOnly? ExpiryDate { get; init; }

    /// <summary>The last day the expired card still works as マイナ保険証 (end of the month three months later).</summary>
    public DateOnly? GraceEndDate { get; init; }

    /// <summary>What expired; for <see cref="ReminderReason.GracePeriodEnding"/>.</summary>
    public ExpiredItem? ExpiredItem { get; init; }

    /// <summary>出国予定日; for <see cref="ReminderReason.OverseasDeparture"/>.</summary>
    public DateOnly? DepartureDate { get; init; }

    internal IEnumerable<(string? Text, string Field, string Label)> PrintedTexts() =>
        new (string?, string, string)[] { (MemberName, "MemberName", "氏名"), (SymbolNumber.Symbol, "Symbol", "記号") }
            .Concat(Insurer.PrintedTexts()).Concat(Recipient?.PrintedTexts() ?? []);

    /// <summary>Checks every field and the dates the reason needs; throws <see cref="DocumentException"/>.</summary>
    public void Validate()
    {
        FieldRules.DocumentId(DocumentId);
        ArgumentNullException.ThrowIfNull(Insurer);
        ArgumentNullException.ThrowIfNull(SymbolNumber);
        Insurer.Validate();
        Recipient?.Validate();
        SymbolNumber.Validate();
        FieldRules.Text(MemberName, "MemberName", "氏名", 40);

        switch (Reason)
        {
            case ReminderReason.ElectronicCertificateExpiring or ReminderReason.CardExpiring:
                var expiry = Require(ExpiryDate, "ExpiryDate", "有効期限");
                var graceEnd = Require(GraceEndDate, "GraceEndDate", "猶予期限");
                FieldRules.NotAfter(expiry, "ExpiryDate", "有効期限", graceEnd, "GraceEndDate", "猶予期限");
                FieldRules.NotAfter(DueDate, "DueDate", "期限", graceEnd, "GraceEndDate", "猶予期限");
                break;
            case ReminderReason.GracePeriodEnding:
                var expired = Require(ExpiryDate, "ExpiryDate", "有効期限");
                var end = Require(GraceEndDate, "GraceEndDate", "猶予期限");
                if (ExpiredItem is not (Models.ExpiredItem.Card or Models.ExpiredItem.ElectronicCertificate))
                    throw FieldRules.Invalid("ExpiredItem", "有効期限が切れたもの", "is required for GracePeriodEnding", "は猶予期間の通知に必須です");
                FieldRules.NotAfter(expired, "ExpiryDate", "有効期限", end, "GraceEndDate", "猶予期限");
                FieldRules.NotAfter(DueDate, "DueDate", "期限", end, "GraceEndDate", "猶予期限");
                break;
            case ReminderReason.OverseasDeparture:
                var departure = Require(DepartureDate, "DepartureDate", "出国予定日");
                // 国外継続利用申請 must be filed no later than the day before departure.
                FieldRules.NotAfter(DueDate, "DueDate", "期限", departure.AddDays(-1), "DepartureDate - 1 day", "出国予定日の前日");
                break;
            case ReminderReason.CertificateExpiring:
                var validUntil = Require(ExpiryDate, "ExpiryDate", "資格確認書の有効期限");
                FieldRules.NotAfter(DueDate, "DueDate", "期限", validUntil, "ExpiryDate", "資格確認書の有効期限");
                break;
            default:
                throw FieldRules.Invalid("Reason", "通知の理由", $"has unknown value {(int)Reason}", $"の値（{(int)Reason}）が不正です");
        }
    }

    private static DateOnly Require(DateOnly? value, string field, string label) =>
        value ?? throw FieldRules.Invalid(field, label, "is required for this reason", "はこの通知の理由に必須です");
}
