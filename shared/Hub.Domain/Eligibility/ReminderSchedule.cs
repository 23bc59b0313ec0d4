using Hub.Domain.Members;

namespace Hub.Domain.Eligibility;

/// <summary>
/// Which reminders a member is due, and when the member next needs attention. Pure: the caller's ledger
/// (member, reason, due date) makes sending exactly-once, and storage indexes members by
/// <see cref="NextActionDate"/> so a daily sweep is a range query.
/// <para>Catch-up: a reminder stays due on every day from its due date while it still matters (until the
/// expiry, grace end, certificate end or filing deadline it is about; hand-offs to issuance stay due for
/// good), so days missed are made up on the next run. Of several windows for the same date (90 and 30
/// days), only the latest one due is returned: after downtime the member gets one current reminder, not a burst.</para>
/// <para>Nothing is due on or after the day the member leaves the society (資格喪失日 or the 75th birthday).</para>
/// </summary>
public static class ReminderSchedule
{
    /// <summary>The reminders due on <paramref name="asOf"/> (sent or not), ordered by due date then reason.</summary>
    public static IReadOnlyList<Reminder> DueAsOf(MemberFacts facts, DateOnly asOf, ReminderSettings? settings = null) =>
        Plan(facts, settings)
            .Where(p => p.Reminder.DueDate <= asOf && (p.RelevantUntil is not { } until || asOf <= until)
                        && asOf < ExitDate(facts))
            .GroupBy(p => (p.Reminder.Reason, p.Reminder.EventDate))
            .Select(g => g.MaxBy(p => p.Reminder.DueDate)!.Reminder)
            .OrderBy(r => r.DueDate).ThenBy(r => r.Reason)
            .ToList();

    /// <summary>The first day after <paramref name="after"/> on which a reminder becomes due, or null when none will.</summary>
    public static DateOnly? NextActionDate(MemberFacts facts, DateOnly after, ReminderSettings? settings = null) =>
        Plan(facts, settings)
            .Select(p => p.Reminder.DueDate)
            .Where(d => d > after)
            .Order()
            .Cast<DateOnly?>()
            .FirstOrDefault();

    /// <summary>
    /// The day to index a member under when its facts are new or changed: <paramref name="asOf"/> when any
    /// reminder is due (the ledger drops those already sent), otherwise <see cref="NextActionDate"/>.
    /// After a sweep has handled a member on a day, index it under <see cref="NextActionDate"/> of that day.
    /// </summary>
    public static DateOnly? FirstActionDate(MemberFacts facts, DateOnly asOf, ReminderSettings? settings = null) =>
        DueAsOf(facts, asOf, settings).Count > 0 ? asOf : NextActionDate(facts, asOf, settings);

    /// <summary>Every reminder the facts will ever call for, with the last day each still matters (null: for good).</summary>
    private static List<Planned> Plan(MemberFacts facts, ReminderSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        settings = (settings ?? ReminderSettings.Default).Validate();
        var plan = new List<Planned>();
        PlanCardExpiry(facts, settings, plan);
        PlanCertificate(facts, settings, plan);
        PlanDeparture(facts, settings, plan);
        var exit = ExitDate(facts);
        return plan.Where(p => p.Reminder.DueDate < exit).ToList();
    }

    private static void PlanCardExpiry(MemberFacts facts, ReminderSettings settings, List<Planned> plan)
    {
        if (facts.CardState != CardState.Registered || !facts.HasMyNumber || CardValidity.For(facts) is not { } v)
            return;
        // A card that lapses on departure has nothing left to renew from that day on.
        var lapse = facts.CardLapsesOnDeparture ? facts.DepartureDate : null;
        var card = new List<Planned>();
        foreach (var days in settings.ExpiryWindowDays)
            card.Add(new(ReminderMessages.Expiring(v, v.ECertExpiresOn.AddDays(-days)), v.ECertExpiresOn));
        var graceStart = v.ECertExpiresOn.AddDays(1);
        card.Add(new(ReminderMessages.InGrace(v, graceStart), v.GraceEndsOn));
        foreach (var days in settings.GraceWindowDays)
        {
            var due = v.GraceEndsOn.AddDays(-days);
            if (due > graceStart)
                card.Add(new(ReminderMessages.InGrace(v, due), v.GraceEndsOn));
        }
        card.Add(new(ReminderMessages.GraceEnded(v, HeldCertificateCovering(facts, v.GraceEndsOn.AddDays(1))), null));
        if (lapse is not { } lapsesOn)
        {
            plan.AddRange(card);
            return;
        }
        var lastCardDay = lapsesOn.AddDays(-1);
        plan.AddRange(card
            .Where(p => p.Reminder.DueDate <= lastCardDay)
            .Select(p => p.RelevantUntil is { } until && until > lastCardDay ? p with { RelevantUntil = lastCardDay } : p));
    }

    private static void PlanCertificate(MemberFacts facts, ReminderSettings settings, List<Planned> plan)
    {
        if (facts.CertificateValidUntil is not { } validUntil)
            return;
        var due = validUntil.AddDays(-settings.CertificateRenewalWindowDays);
        var (exit, lateStageElderly) = Exit(facts);
        if (exit <= validUntil.AddDays(1))
        {
            // The member leaves the society when (or before) the certificate ends: nothing to renew and nothing to ask.
            plan.Add(new(ReminderMessages.CertificateEndsWithMembership(validUntil, due, exit, lateStageElderly), validUntil));
            return;
        }
        var afterExpiry = CertificateEligibility.Decide(facts, validUntil.AddDays(1), settings);
        plan.Add(new(ReminderMessages.CertificateExpiring(validUntil, due, afterExpiry), validUntil));
    }

    private static void PlanDeparture(MemberFacts facts, ReminderSettings settings, List<Planned> plan)
    {
        // Only a registered card matters: other members already need a certificate for another reason.
        if (facts.DepartureDate is not { } departure || facts.CardState != CardState.Registered
            || !facts.HasMyNumber || !facts.CardLapsesOnDeparture)
            return;
        var windowStart = departure.AddDays(-settings.OverseasWindowDays);
        if (facts.Nationality == Nationality.Foreign)
        {
            // The same day eligibility starts to require the certificate, so the hand-off is issued, not turned down.
            var from = CertificateEligibility.ForeignNationalCertificateFrom(departure, settings);
            plan.Add(new(ReminderMessages.ForeignDeparture(departure, from, HeldCertificateCovering(facts, departure)), null));
            return;
        }
        if (facts.ContinuationFiledOn is null)
            plan.Add(new(ReminderMessages.DepartureApproaching(departure, windowStart), departure.AddDays(-1)));
        plan.Add(new(ReminderMessages.Lapsed(departure, HeldCertificateCovering(facts, departure)), null));
    }

    /// <summary>The 有効期限 of a certificate the member holds that is still valid on <paramref name="date"/>, if any.</summary>
    private static DateOnly? HeldCertificateCovering(MemberFacts facts, DateOnly date) =>
        facts.CertificateValidUntil is { } until && until >= date ? until : null;

    /// <summary>The first day the member is no longer insured here (資格喪失日 or the 75th birthday).</summary>
    private static DateOnly ExitDate(MemberFacts facts) => Exit(facts).Date;

    /// <summary>The first day the member is no longer insured here, and whether that is the move to 後期高齢者医療 at 75.</summary>
    private static (DateOnly Date, bool LateStageElderly) Exit(MemberFacts facts)
    {
        var transfer = LateStageElderlyRule.TransferDate(facts.BirthDate);
        return facts.QualificationLostOn is { } lost && lost < transfer ? (lost, false) : (transfer, true);
    }

    private sealed record Planned(Reminder Reminder, DateOnly? RelevantUntil);
}
