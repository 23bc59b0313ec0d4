namespace Hub.Domain.Eligibility;

/// <summary>What the hub does with a due reminder besides telling the member.</summary>
public enum ReminderAction
{
    /// <summary>Only notify (webhook, employer outbox, letter).</summary>
    Notify,

    /// <summary>Notify and send the member to certificate issuance.</summary>
    IssueCertificate,

    /// <summary>Notify and send the member to certificate issuance to renew an expiring certificate.</summary>
    RenewCertificate,
}
