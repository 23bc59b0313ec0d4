using System.Globalization;

namespace Hub.Domain.Submissions;

/// <summary>The required / not-applicable table and the rules that relate several columns of one row.</summary>
public sealed partial class SubmissionRowValidator
{
    /// <summary>Ages to which 一部負担金の割合 of 2 or 3 割 applies (70–74; at 75 members move to 後期高齢者医療).</summary>
    private const int CopayMinAge = 70;
    private const int CopayMaxAge = 74;

    private static readonly SubmissionColumn[] CardDates =
        [SubmissionColumn.CardIssueDate, SubmissionColumn.CardExpiryDate, SubmissionColumn.EcertExpiryDate];

    /// <summary>Age in completed years on a day (the birthday itself counts).</summary>
    internal static int AgeOn(DateOnly birth, DateOnly on)
    {
        int age = on.Year - birth.Year;
        if (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day))
        {
            age--;
        }

        return age;
    }

    private static void ApplyColumnUse(RowState s)
    {
        if (!s.Trusted(SubmissionColumn.RecordType))
        {
            return;
        }

        ApplyRelationshipRule(s);
        if (!s.Trusted(SubmissionColumn.Action))
        {
            return;
        }

        var typeEntry = SubmissionCodeLists.RecordTypes.EntryOf(s.RecordType);
        var actions = s.RecordType == RecordType.Insured ? SubmissionCodeLists.InsuredActions : SubmissionCodeLists.DependantActions;
        var actionEntry = actions.EntryOf(s.Action);
        for (int i = 0; i < SubmissionColumnCatalog.Count; i++)
        {
            var definition = SubmissionColumnCatalog.Get((SubmissionColumn)i);
            var column = definition.Column;
            if (column is SubmissionColumn.RecordType or SubmissionColumn.Action or SubmissionColumn.Note)
            {
                continue;
            }

            switch (definition.UseFor(s.RecordType, s.Action))
            {
                case ColumnUse.Required when s.Absent(column):
                    if (column == SubmissionColumn.MyNumber)
                    {
                        // No number may be given only when the row says why none is assigned.
                        if (s.Absent(SubmissionColumn.NoMyNumberReason))
                        {
                            s.Add(SubmissionErrorCodes.Required + ".my_number", column);
                        }
                    }
                    else
                    {
                        s.Add(SubmissionErrorCodes.Required, column);
                    }

                    break;
                case ColumnUse.NotApplicable when s.Present(column) && !s.HasError(column) && column != SubmissionColumn.Relationship:
                    s.Add(SubmissionErrorCodes.FieldNotApplicable, column, new MessageArg(
                        "context", $"{typeEntry.LabelJa}・{actionEntry.LabelJa}", $"{typeEntry.Code}/{actionEntry.Code}"));
                    break;
            }
        }
    }

    private static void ApplyRelationshipRule(RowState s)
    {
        if (!s.Trusted(SubmissionColumn.Relationship))
        {
            return;
        }

        if (s.RecordType == RecordType.Insured && s.Relationship != Relationship.Self)
        {
            var entry = SubmissionCodeLists.Relationships.EntryOf(s.Relationship);
            s.Add(SubmissionErrorCodes.RelationshipInvalid + ".insured", SubmissionColumn.Relationship, new MessageArg("value", entry.LabelJa, entry.Code));
        }
        else if (s.RecordType == RecordType.Dependant && s.Relationship == Relationship.Self)
        {
            s.Add(SubmissionErrorCodes.RelationshipInvalid + ".self_for_dependant", SubmissionColumn.Relationship);
        }
    }

    private void ApplyCrossFieldRules(RowState s)
    {
        var options = _context.Options;
        var today = _context.Today;
        var futureLimit = today.AddDays(options.FutureWindowDays);

        CheckBirthDate(s, today, options);
        bool birthKnown = s.Trusted(SubmissionColumn.BirthDate);
        var birth = s.Date(SubmissionColumn.BirthDate);

        CheckLifeDate(s, SubmissionColumn.QualificationDate, birthKnown, birth, futureLimit);
        CheckLossDate(s, birthKnown, birth, futureLimit);
        CheckCardDates(s, today, birthKnown, birth, options);
        CheckLifeDate(s, SubmissionColumn.DepartureDate, birthKnown, birth, futureLimit);
        CheckOverseas(s);
        CheckCertificateRequest(s);
        CheckLifeDate(s, SubmissionColumn.CopayEffectiveDate, birthKnown, birth, futureLimit);
        CheckCopay(s, today, birthKnown, birth);
        CheckMyNumberAbsence(s);

        if (s.Trusted(SubmissionColumn.EmployerCode) && !string.Equals(s.EmployerCode, _context.EmployerCode, StringComparison.Ordinal))
        {
            s.Add(SubmissionErrorCodes.EmployerMismatch, SubmissionColumn.EmployerCode,
                new MessageArg("value", SubmissionErrorCatalog.Quote(s.EmployerCode)),
                new MessageArg("expected", SubmissionErrorCatalog.Quote(_context.EmployerCode)));
        }
    }

    private static void CheckBirthDate(RowState s, DateOnly today, SubmissionValidationOptions options)
    {
        if (!s.Trusted(SubmissionColumn.BirthDate))
        {
            return;
        }

        var birth = s.Date(SubmissionColumn.BirthDate);
        if (birth > today)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".future_birth", SubmissionColumn.BirthDate);
        }
        else if (AgeOn(birth, today) > options.MaxAgeYears)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".too_old", SubmissionColumn.BirthDate,
                new MessageArg("max", options.MaxAgeYears.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A date in the person's life: not before birth, not beyond the submission window.</summary>
    private static void CheckLifeDate(RowState s, SubmissionColumn column, bool birthKnown, DateOnly birth, DateOnly futureLimit)
    {
        if (!s.Trusted(column))
        {
            return;
        }

        var date = s.Date(column);
        if (birthKnown && date < birth)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".before_birth", column);
        }
        else if (date > futureLimit)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".too_far_future", column, DateValue(date), Limit(futureLimit));
        }
    }

    private static void CheckLossDate(RowState s, bool birthKnown, DateOnly birth, DateOnly futureLimit)
    {
        const SubmissionColumn loss = SubmissionColumn.LossDate;
        if (!s.Trusted(loss))
        {
            return;
        }

        var date = s.Date(loss);
        if (birthKnown && date < birth)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".before_birth", loss);
        }
        else if (s.Trusted(SubmissionColumn.QualificationDate) && date < s.Date(SubmissionColumn.QualificationDate))
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".loss_before_qualification", loss);
        }
        else if (date > futureLimit)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".too_far_future", loss, DateValue(date), Limit(futureLimit));
        }
    }

    private static void CheckCardDates(RowState s, DateOnly today, bool birthKnown, DateOnly birth, SubmissionValidationOptions options)
    {
        if (s.Trusted(SubmissionColumn.CardState) && s.CardState == CardState.None)
        {
            foreach (var column in CardDates)
            {
                if (s.Present(column) && !s.HasError(column))
                {
                    s.Add(SubmissionErrorCodes.FieldNotApplicable + ".card_dates_without_card", column);
                }
            }
        }

        const SubmissionColumn issue = SubmissionColumn.CardIssueDate;
        if (s.Trusted(issue))
        {
            var date = s.Date(issue);
            if (date < options.CardIssueStart)
            {
                s.Add(SubmissionErrorCodes.DateOutOfRange + ".before_card_start", issue);
            }
            else if (date > today)
            {
                s.Add(SubmissionErrorCodes.DateOutOfRange + ".future", issue);
            }
            else if (birthKnown && date < birth)
            {
                s.Add(SubmissionErrorCodes.DateOutOfRange + ".before_birth", issue);
            }
        }

        CheckExpiry(s, SubmissionColumn.CardExpiryDate, today, options.MaxCardValidityYears, options);
        CheckExpiry(s, SubmissionColumn.EcertExpiryDate, today, options.MaxEcertValidityYears, options);
        if (s.Trusted(SubmissionColumn.EcertExpiryDate) && s.Trusted(SubmissionColumn.CardExpiryDate)
            && s.Date(SubmissionColumn.EcertExpiryDate) > s.Date(SubmissionColumn.CardExpiryDate))
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".ecert_after_card", SubmissionColumn.EcertExpiryDate);
        }
    }

    private static void CheckExpiry(RowState s, SubmissionColumn column, DateOnly today, int maxYears, SubmissionValidationOptions options)
    {
        if (!s.Trusted(column))
        {
            return;
        }

        var date = s.Date(column);
        bool issueKnown = s.Trusted(SubmissionColumn.CardIssueDate);
        var issue = s.Date(SubmissionColumn.CardIssueDate);
        if (date < options.CardIssueStart)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".before_card_start", column);
        }
        else if (issueKnown && date <= issue)
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".expiry_not_after_issue", column);
        }
        else if (issueKnown && date > issue.AddYears(maxYears))
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".expiry_too_late", column, new MessageArg("years", maxYears.ToString(CultureInfo.InvariantCulture)));
        }
        else if (date > today.AddYears(maxYears))
        {
            s.Add(SubmissionErrorCodes.DateOutOfRange + ".too_far_future", column, DateValue(date), Limit(today.AddYears(maxYears)));
        }
    }

    private static void CheckOverseas(RowState s)
    {
        if (s.Present(SubmissionColumn.DepartureDate) && s.Absent(SubmissionColumn.Nationality))
        {
            s.Add(SubmissionErrorCodes.Required + ".nationality_for_departure", SubmissionColumn.Nationality);
        }

        if (!s.Trusted(SubmissionColumn.OverseasContinuationFiled) || !s.OverseasContinuationFiled)
        {
            return;
        }

        if (s.Absent(SubmissionColumn.DepartureDate))
        {
            s.Add(SubmissionErrorCodes.Required + ".departure_for_continuation", SubmissionColumn.DepartureDate);
        }

        if (s.Trusted(SubmissionColumn.Nationality) && s.Nationality == Nationality.Foreign)
        {
            s.Add(SubmissionErrorCodes.ValueInvalid + ".foreign_continuation", SubmissionColumn.OverseasContinuationFiled);
        }
    }

    private static void CheckCertificateRequest(RowState s)
    {
        const SubmissionColumn reason = SubmissionColumn.CertificateRequestReason;
        bool requested = s.Trusted(SubmissionColumn.CertificateRequest) && s.CertificateRequested;
        if (requested && s.Absent(reason))
        {
            var list = SubmissionCodeLists.CertificateRequestReasons;
            s.Add(SubmissionErrorCodes.Required + ".certificate_reason", reason, new MessageArg("allowed", list.AllowedJa, list.AllowedEn));
        }
        else if (!requested && s.Present(reason) && !s.HasError(reason) && s.State(SubmissionColumn.CertificateRequest) != FieldState.Invalid)
        {
            s.Add(SubmissionErrorCodes.FieldNotApplicable + ".reason_without_request", reason);
        }
    }

    private static void CheckCopay(RowState s, DateOnly today, bool birthKnown, DateOnly birth)
    {
        const SubmissionColumn ratio = SubmissionColumn.CopayRatio;
        const SubmissionColumn effective = SubmissionColumn.CopayEffectiveDate;
        if (s.Present(effective) && s.Absent(ratio))
        {
            s.Add(SubmissionErrorCodes.Required + ".copay_ratio_for_date", ratio);
        }

        if (!s.Trusted(ratio) || !birthKnown || (s.Present(effective) && !s.Trusted(effective)))
        {
            return;
        }

        var on = s.Trusted(effective) ? s.Date(effective) : today;
        int age = AgeOn(birth, on);
        if (age is < CopayMinAge or > CopayMaxAge)
        {
            s.Add(SubmissionErrorCodes.ValueInvalid + ".copay_age", ratio,
                new MessageArg("date", Ja(on), En(on)),
                new MessageArg("age", age.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void CheckMyNumberAbsence(RowState s)
    {
        const SubmissionColumn reason = SubmissionColumn.NoMyNumberReason;
        if (s.Present(reason) && !s.HasError(reason) && s.Present(SubmissionColumn.MyNumber))
        {
            s.Add(SubmissionErrorCodes.FieldNotApplicable + ".reason_with_number", reason);
        }
        else if (s.Trusted(reason) && s.Absent(SubmissionColumn.MyNumber)
                 && s.Trusted(SubmissionColumn.CardState) && s.CardState != CardState.None)
        {
            s.Add(SubmissionErrorCodes.ValueInvalid + ".card_without_my_number", SubmissionColumn.CardState);
        }
    }

    private static MessageArg Limit(DateOnly limit) => new("limit", Ja(limit), En(limit));

    /// <summary>The date as read (whatever form the cell used), so the employer sees how it was understood.</summary>
    private static MessageArg DateValue(DateOnly date) => new("value", Ja(date), En(date));
}
