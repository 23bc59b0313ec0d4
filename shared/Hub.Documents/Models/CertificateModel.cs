namespace Hub.Documents.Models;

/// <summary>資格確認書: lets a member without a usable マイナ保険証 receive care.</summary>
public sealed record CertificateModel
{
    /// <summary>文書番号 (the certificate id), printed in small type.</summary>
    public required string DocumentId { get; init; }

    /// <summary>交付年月日.</summary>
    public required DateOnly IssueDate { get; init; }

    /// <summary>有効期限 (last valid day); at most about 5 years after issue, set by insurer policy.</summary>
    public required DateOnly ValidUntil { get; init; }

    /// <summary>The insurer; its name, number and address are printed.</summary>
    public required InsurerInfo Insurer { get; init; }

    /// <summary>宛先; null when handed over without mailing. Printed on the A4 layout only.</summary>
    public MailingAddress? Recipient { get; init; }

    /// <summary>The member.</summary>
    public required MemberInfo Member { get; init; }

    internal IEnumerable<(string? Text, string Field, string Label)> PrintedTexts() =>
        Member.PrintedTexts().Concat(Insurer.PrintedTexts()).Concat(Recipient?.PrintedTexts() ?? []);

    /// <summary>Checks every field; throws <see cref="DocumentException"/> with the first problem.</summary>
    public void Validate()
    {
        FieldRules.DocumentId(DocumentId);
        ArgumentNullException.ThrowIfNull(Insurer);
        ArgumentNullException.ThrowIfNull(Member);
        Insurer.Validate();
        Recipient?.Validate();
        Member.Validate(kanaRequired: false);
        FieldRules.NotAfter(Member.BirthDate, "Member.BirthDate", "生年月日", IssueDate, "IssueDate", "交付年月日");
        FieldRules.NotAfter(IssueDate, "IssueDate", "交付年月日", ValidUntil, "ValidUntil", "有効期限");

        // Policy allows at most 5 years, possibly running on to a month end; anything beyond is a bug upstream.
        var fiveYears = IssueDate.AddYears(5);
        var limit = new DateOnly(fiveYears.Year, fiveYears.Month, DateTime.DaysInMonth(fiveYears.Year, fiveYears.Month));
        if (ValidUntil > limit)
            throw new DocumentException(DocumentErrorCodes.InconsistentDates,
                $"ValidUntil ({FieldRules.Iso(ValidUntil)}) is more than 5 years after IssueDate ({FieldRules.Iso(IssueDate)})",
                $"有効期限（{FieldRules.Iso(ValidUntil)}）が交付年月日（{FieldRules.Iso(IssueDate)}）から5年を超えています");
    }
}
