namespace Hub.Domain.Submissions;

/// <summary>How a row names an insured person: the employer, the employee id and, when given, the 被保険者番号.</summary>
/// <param name="EmployerCode">事業所記号 (normalised).</param>
/// <param name="EmployeeId">社員番号 (normalised).</param>
/// <param name="InsuredNumber">被保険者番号 without leading zeros, when the row gives one.</param>
public readonly record struct InsuredReference(string EmployerCode, string EmployeeId, string? InsuredNumber);
