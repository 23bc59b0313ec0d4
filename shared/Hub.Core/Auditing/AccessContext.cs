namespace Hub.Core.Auditing;

/// <summary>Why a decrypted My Number is needed, recorded before decryption.</summary>
/// <param name="Subject">Whose number (member id, or submission id and row) — never the number.</param>
/// <param name="Actor">Who: the function name (e.g. <c>RegisterMember</c>) or <c>cli:{user}</c>.</param>
/// <param name="Purpose">Why, e.g. "registration: uniqueness check and 資格情報のお知らせ last 4 digits".</param>
/// <param name="InvocationId">The host invocation id, for correlation with logs.</param>
public sealed record AccessContext(string Subject, string Actor, string Purpose, string? InvocationId = null);
