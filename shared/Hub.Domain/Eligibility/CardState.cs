namespace Hub.Domain.Eligibility;

/// <summary>The member's My Number card (マイナンバーカード) as known to the insurer.</summary>
public enum CardState
{
    /// <summary>未取得: the member has no card.</summary>
    None,

    /// <summary>利用登録なし: a card not registered for use as a health insurance card.</summary>
    NotRegistered,

    /// <summary>利用登録済み: registered for insurance use (マイナ保険証).</summary>
    Registered,

    /// <summary>利用登録解除: the registration for insurance use was cancelled.</summary>
    RegistrationCancelled,

    /// <summary>返納: the card was returned.</summary>
    Returned,
}
