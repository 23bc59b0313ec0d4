using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Documents;
using Hub.Documents.Models;
using Hub.Domain.Eligibility;
using Hub.Storage.Blobs;
using LetterReason = Hub.Documents.Models.ReminderReason;
using ReminderReason = Hub.Domain.Eligibility.ReminderReason;

namespace Hub.Core.Reminders;

/// <summary>What writing a letter gave: its path (<c>outbox/…pdf</c>) or why there is none (a stable code).</summary>
/// <param name="BlobPath">The letter, as events carry it.</param>
/// <param name="ErrorCode">Why the member's data could not be printed (e.g. DOC_INVALID_FIELD).</param>
public sealed record LetterOutcome(string? BlobPath, string? ErrorCode);

/// <summary>
/// Reminder letters (A4, <see cref="ReminderLetterRenderer"/>) for members who must act themselves (those whose reminder
/// has a <see cref="Reminder.Deadline"/>): renew the card or e-certificate, renew during the grace period, file
/// 国外継続利用申請 before departure, or switch to マイナ保険証 when a 資格確認書 ends and the member stays insured.
/// Hand-offs (the hub issues or renews a certificate) need no letter: the certificate is the document; nor does a
/// certificate ending because the member leaves the society (75th birthday, 資格喪失): nothing is asked of the member.
/// Stored at <c>outbox/{employerCode}/letters/{yyyyMMdd sent}/{memberId}-{Reason}-{yyyyMMdd deadline}.pdf</c> for the employer to hand over.
/// </summary>
public sealed class ReminderLetters
{
    private readonly Lazy<ReminderLetterRenderer> _renderer;
    private readonly MemberPipelineSettings _settings;
    private readonly BlobContainerClient _outbox;

    /// <summary>Letters over the hub's storage, printed with the insurer and fonts of <paramref name="settings"/>.</summary>
    public ReminderLetters(HubStorage storage, MemberPipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _settings = settings;
        _outbox = storage.Container(HubStorage.Containers.Outbox);
        // Loading fonts is only needed once a letter is due.
        _renderer = new(() => new ReminderLetterRenderer(settings.Documents));
    }

    /// <summary>The letter's content for a reminder the member must act on.</summary>
    /// <exception cref="InvalidOperationException">The reminder asks nothing of the member (<see cref="Reminder.Deadline"/> is null).</exception>
    public static ReminderLetterModel Model(Member member, MemberFacts facts, Reminder reminder, DateOnly sentOn, InsurerInfo insurer)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(reminder);
        var deadline = reminder.Deadline ?? throw new InvalidOperationException($"{reminder.Reason} asks nothing of the member: no letter.");
        var model = new ReminderLetterModel
        {
            DocumentId = ReminderKeys.LetterDocumentId(member.MemberId, reminder.Reason, reminder.DueDate),
            IssueDate = sentOn,
            Insurer = insurer,
            Recipient = new MailingAddress { Name = member.NameKanji },
            SymbolNumber = new SymbolNumber(member.Symbol, member.InsuredNumber, member.BranchNumber),
            MemberName = member.NameKanji,
            Reason = LetterReason.CertificateExpiring,
            DueDate = deadline,
        };
        switch (reminder.Reason)
        {
            case ReminderReason.ECertExpiring or ReminderReason.CardExpiring:
                return model with
                {
                    Reason = reminder.Reason == ReminderReason.CardExpiring ? LetterReason.CardExpiring : LetterReason.ElectronicCertificateExpiring,
                    ExpiryDate = reminder.EventDate,
                    GraceEndDate = CardValidity.GraceEnd(reminder.EventDate),
                };
            case ReminderReason.InGracePeriod:
                var validity = CardValidity.For(facts) ?? throw new InvalidOperationException("A grace-period reminder without card dates.");
                return model with
                {
                    Reason = LetterReason.GracePeriodEnding,
                    ExpiryDate = validity.ECertExpiresOn,
                    GraceEndDate = reminder.EventDate,
                    ExpiredItem = validity.ExpiryKind == CardExpiryKind.Card ? ExpiredItem.Card : ExpiredItem.ElectronicCertificate,
                };
            case ReminderReason.OverseasDepartureApproaching:
                return model with { Reason = LetterReason.OverseasDeparture, DepartureDate = facts.DepartureDate ?? reminder.EventDate.AddDays(1) };
            default:
                return model with { ExpiryDate = reminder.EventDate };
        }
    }

    /// <summary>
    /// Renders and stores the letter (deterministic name: a rerun overwrites the same blob). A member whose data cannot be
    /// printed gets the reminder without a letter and the reason code; missing fonts or insurer settings throw.
    /// </summary>
    public async Task<LetterOutcome> WriteAsync(Member member, MemberFacts facts, Reminder reminder, DateOnly sentOn, CancellationToken cancellationToken)
    {
        byte[] pdf;
        try
        {
            pdf = _renderer.Value.Render(Model(member, facts, reminder, sentOn, _settings.RequireInsurer()));
        }
        catch (DocumentException e) when (e.Code is DocumentErrorCodes.InvalidField or DocumentErrorCodes.InconsistentDates
                                             or DocumentErrorCodes.UnprintableCharacter)
        {
            return new LetterOutcome(null, e.Code);
        }
        var name = ReminderKeys.LetterBlobName(member.EmployerCode, sentOn, member.MemberId, reminder.Reason,
            reminder.Deadline ?? throw new InvalidOperationException($"{reminder.Reason} asks nothing of the member: no letter."));
        await _outbox.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(pdf), overwrite: true, cancellationToken).ConfigureAwait(false);
        return new LetterOutcome(ReminderKeys.OutboxPath(name), null);
    }
}
