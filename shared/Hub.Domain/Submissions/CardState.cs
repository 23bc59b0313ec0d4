namespace Hub.Domain.Submissions;

/// <summary>The state of the person's My Number card (マイナンバーカード) as the employer reports it.</summary>
/// <remarks>Same members, in the same order, as <c>Hub.Domain.Eligibility.CardState</c>, so the two map one to one.</remarks>
public enum CardState
{
    /// <summary>未取得: no card (code <c>none</c>).</summary>
    None,

    /// <summary>保険証利用登録なし: a card, not registered for insurance use (code <c>not_registered</c>).</summary>
    NotRegistered,

    /// <summary>登録済: registered for insurance use, i.e. マイナ保険証 (code <c>registered</c>).</summary>
    Registered,

    /// <summary>登録解除: the insurance-use registration was cancelled (code <c>cancelled</c>).</summary>
    RegistrationCancelled,

    /// <summary>返納: the card was returned (code <c>returned</c>).</summary>
    Returned,
}
