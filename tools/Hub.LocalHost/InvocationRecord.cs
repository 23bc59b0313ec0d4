namespace Hub.LocalHost;

/// <summary>One finished invocation, as the host logged it.</summary>
/// <param name="Function">Function name.</param>
/// <param name="InvocationId">The id sent in X-Azure-Functions-InvocationId.</param>
/// <param name="Reason">Why it ran (new blob, message, timer).</param>
/// <param name="Succeeded">Whether it succeeded (2xx and a valid body, outputs written).</param>
/// <param name="Error">The failure, if any.</param>
/// <param name="Started">Start time.</param>
/// <param name="Duration">Duration.</param>
public sealed record InvocationRecord(string Function, string InvocationId, string Reason, bool Succeeded, string? Error, DateTimeOffset Started, TimeSpan Duration);
