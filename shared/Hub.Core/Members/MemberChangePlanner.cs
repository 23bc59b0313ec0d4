using System.Text.Json;
using Hub.Domain.Submissions;

namespace Hub.Core.Members;

/// <summary>What applying one row did to a member.</summary>
public sealed class MemberChange
{
    /// <summary>Field groups whose value changed (stable names, e.g. <c>name</c>, <c>card_state</c>).</summary>
    public List<string> ChangedFields { get; } = [];

    /// <summary>Field groups the row carried but a row later in submission order had already set (left as they were).</summary>
    public List<string> SupersededFields { get; } = [];

    /// <summary>The qualification ended with this row (資格喪失日 set where there was none).</summary>
    public bool Withdrawn { get; set; }

    /// <summary>The member rejoined (資格喪失日 cleared).</summary>
    public bool Reinstated { get; set; }

    /// <summary>The keyed hash the member held before, when the My Number changed.</summary>
    public string? PreviousMyNumberHash { get; set; }

    /// <summary>Whether the My Number changed (set, corrected or — on a full row without one — removed).</summary>
    public bool MyNumberChanged { get; set; }

    /// <summary>Whether a fact bearing on 資格確認書 eligibility or reminders changed.</summary>
    public bool EligibilityChanged => ChangedFields.Any(EligibilityFields.Contains);

    /// <summary>Field groups that bear on eligibility (card, departure, application, My Number, dates).</summary>
    public static readonly IReadOnlySet<string> EligibilityFields = new HashSet<string>(StringComparer.Ordinal)
    {
        MemberFields.BirthDate, MemberFields.MyNumber, MemberFields.CardState, MemberFields.CardIssueDate,
        MemberFields.CardExpiryDate, MemberFields.EcertExpiryDate, MemberFields.DepartureDate,
        MemberFields.OverseasContinuation, MemberFields.Nationality, MemberFields.CertificateRequest, MemberFields.LossDate,
    };
}

/// <summary>Stable names of the member's field groups (timeline, events, field stamps).</summary>
public static class MemberFields
{
#pragma warning disable CS1591 // the names say it
    public const string Name = "name";
    public const string Kana = "name_kana";
    public const string BirthDate = "birth_date";
    public const string Sex = "sex";
    public const string Relationship = "relationship";
    public const string MyNumber = "my_number";
    public const string QualificationDate = "qualification_date";
    public const string LossDate = "loss_date";
    public const string CardState = "card_state";
    public const string CardIssueDate = "card_issue_date";
    public const string CardExpiryDate = "card_expiry_date";
    public const string EcertExpiryDate = "ecert_expiry_date";
    public const string DepartureDate = "departure_date";
    public const string OverseasContinuation = "overseas_continuation_filed";
    public const string Nationality = "nationality";
    public const string CertificateRequest = "certificate_request";
    public const string Copay = "copay_ratio";
#pragma warning restore CS1591
}

/// <summary>
/// Applies an accepted row to a member, field by field, in submission order (pure; no I/O).
/// <list type="bullet">
/// <item>資格取得 / 該当 rows describe the person completely: every field is set, empty ones cleared, and a
/// 資格喪失日 is cleared (the member rejoins).</item>
/// <item>変更 rows set only the fields they carry (empty = unchanged); 資格喪失 / 非該当 rows do the same and set the
/// 資格喪失日.</item>
/// <item>Each field remembers the stamp of the row that last set it. A row that arrives after a row later in
/// submission order (another file, processed concurrently) leaves those fields alone: the later submission wins,
/// field by field, whatever order the rows are processed in.</item>
/// </list>
/// </summary>
public static class MemberChangePlanner
{
    /// <summary>Applies <paramref name="record"/> to <paramref name="member"/> (changed in place).</summary>
    /// <param name="member">The member to change (a copy of the stored one, or a new one).</param>
    /// <param name="record">The accepted row (its My Number is null: pass the staged ciphertext and hash).</param>
    /// <param name="stamp">The row's place in submission order.</param>
    /// <param name="protectedMyNumber">The staged ciphertext, or null when the row has no My Number.</param>
    /// <param name="myNumberHash">The staged keyed hash, or null.</param>
    /// <param name="today">Today in Japan (the date a 国外継続利用申請 is taken to be reported).</param>
    public static MemberChange Apply(Member member, SubmissionRecord record, RowStamp stamp, string? protectedMyNumber, string? myNumberHash, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(record);
        var stamps = ReadStamps(member.FieldStamps);
        var change = new MemberChange();
        var full = record.Action is SubmissionAction.Enroll or SubmissionAction.Add;
        var leaving = record.Action is SubmissionAction.Withdraw or SubmissionAction.Remove;

        bool May(string field, bool given)
        {
            if (!given) return false;
            if (stamps.TryGetValue(field, out var previous) && string.CompareOrdinal(previous, stamp.Value) > 0)
            {
                change.SupersededFields.Add(field);
                return false;
            }
            stamps[field] = stamp.Value;
            return true;
        }

        void Set<T>(string field, bool given, T current, T next, Action<T> assign)
        {
            if (!May(field, given) || EqualityComparer<T>.Default.Equals(current, next)) return;
            assign(next);
            change.ChangedFields.Add(field);
        }

        Set(MemberFields.Name, true, member.NameKanji, record.NameKanji, v => member.NameKanji = v);
        Set(MemberFields.Kana, true, member.NameKana, record.NameKana, v => member.NameKana = v);
        Set(MemberFields.BirthDate, true, member.BirthDate, record.BirthDate, v => member.BirthDate = v);
        Set(MemberFields.Sex, full || record.Sex is not null, member.Sex, record.Sex, v => member.Sex = v);
        if (record.RecordType == RecordType.Dependant)
            Set(MemberFields.Relationship, full || record.Relationship is not null, member.Relationship, record.Relationship, v => member.Relationship = v);

        // The number, its hash and the "no number" reason move together.
        var numberGiven = full || myNumberHash is not null || record.NoMyNumberReason is not null;
        if (May(MemberFields.MyNumber, numberGiven))
        {
            var previous = member.MyNumberHash;
            var reason = myNumberHash is null ? record.NoMyNumberReason : null;
            if (!string.Equals(previous, myNumberHash, StringComparison.Ordinal) || member.NoMyNumberReason != reason)
            {
                change.ChangedFields.Add(MemberFields.MyNumber);
                if (!string.Equals(previous, myNumberHash, StringComparison.Ordinal))
                {
                    change.MyNumberChanged = true;
                    change.PreviousMyNumberHash = previous;
                    member.ProtectedMyNumber = protectedMyNumber;
                    member.MyNumberHash = myNumberHash;
                    member.MyNumberDeletedAt = null;
                }
                member.NoMyNumberReason = reason;
            }
        }

        Set(MemberFields.QualificationDate, full || record.QualificationDate is not null, member.QualificationDate, record.QualificationDate, v => member.QualificationDate = v);
        var wasWithdrawn = member.LossDate is not null;
        var lossGiven = full || leaving || record.LossDate is not null;
        Set(MemberFields.LossDate, lossGiven, member.LossDate, full ? null : record.LossDate, v => member.LossDate = v);
        change.Withdrawn = !wasWithdrawn && member.LossDate is not null;
        change.Reinstated = wasWithdrawn && member.LossDate is null;

        Set(MemberFields.CardState, full || record.CardState is not null, member.CardState, record.CardState, v => member.CardState = v);
        Set(MemberFields.CardIssueDate, full || record.CardIssueDate is not null, member.CardIssueDate, record.CardIssueDate, v => member.CardIssueDate = v);
        Set(MemberFields.CardExpiryDate, full || record.CardExpiryDate is not null, member.CardExpiryDate, record.CardExpiryDate, v => member.CardExpiryDate = v);
        Set(MemberFields.EcertExpiryDate, full || record.EcertExpiryDate is not null, member.EcertExpiryDate, record.EcertExpiryDate, v => member.EcertExpiryDate = v);
        Set(MemberFields.DepartureDate, full || record.DepartureDate is not null, member.DepartureDate, record.DepartureDate, v => member.DepartureDate = v);
        Set(MemberFields.OverseasContinuation, full || record.OverseasContinuationFiled is not null,
            member.OverseasContinuationFiled, record.OverseasContinuationFiled, v =>
            {
                member.OverseasContinuationFiled = v;
                member.ContinuationFiledOn = v == true ? FiledOn(member.DepartureDate, today) : null;
            });
        Set(MemberFields.Nationality, full || record.Nationality is not null, member.Nationality, record.Nationality, v => member.Nationality = v);
        Set(MemberFields.CertificateRequest, full || record.CertificateRequested is not null,
            (member.CertificateRequested, member.CertificateRequestReason),
            (record.CertificateRequested, record.CertificateRequested == true ? record.CertificateRequestReason : null),
            v => (member.CertificateRequested, member.CertificateRequestReason) = v);
        Set(MemberFields.Copay, full || record.CopayRatio is not null,
            (member.CopayRatio, member.CopayEffectiveDate), (record.CopayRatio, record.CopayEffectiveDate),
            v => (member.CopayRatio, member.CopayEffectiveDate) = v);

        member.FieldStamps = JsonSerializer.Serialize(stamps);
        return change;
    }

    /// <summary>
    /// Ends the qualification on <paramref name="lossDate"/> because the insured person's ended (被扶養者 follow the
    /// 被保険者), unless a row later in submission order set the 資格喪失日 already. Returns whether it changed.
    /// </summary>
    public static bool Withdraw(Member member, DateOnly lossDate, RowStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(member);
        var stamps = ReadStamps(member.FieldStamps);
        if (stamps.TryGetValue(MemberFields.LossDate, out var previous) && string.CompareOrdinal(previous, stamp.Value) > 0) return false;
        if (member.LossDate is { } own && own <= lossDate) return false;
        stamps[MemberFields.LossDate] = stamp.Value;
        member.LossDate = lossDate;
        member.FieldStamps = JsonSerializer.Serialize(stamps);
        return true;
    }

    // The filing must happen by the day before departure; a filing reported earlier is dated the day it was reported.
    private static DateOnly FiledOn(DateOnly? departure, DateOnly today) =>
        departure is { } d && d.AddDays(-1) < today ? d.AddDays(-1) : today;

    private static SortedDictionary<string, string> ReadStamps(string json) =>
        string.IsNullOrEmpty(json)
            ? new SortedDictionary<string, string>(StringComparer.Ordinal)
            : new SortedDictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.Ordinal);
}
