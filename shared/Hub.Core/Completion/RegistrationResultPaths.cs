namespace Hub.Core.Completion;

/// <summary>
/// Where a submission's registration result (登録結果) is written in the <c>results</c> container: next to its validation
/// report, <c>{employerCode}/{submissionId}.registration.json</c> and <c>.registration.csv</c>.
/// </summary>
public static class RegistrationResultPaths
{
    /// <summary>The JSON result's path in the <c>results</c> container.</summary>
    public static string Json(string employerCode, string submissionId) => $"{employerCode}/{submissionId}.registration.json";

    /// <summary>The CSV result's path in the <c>results</c> container.</summary>
    public static string Csv(string employerCode, string submissionId) => $"{employerCode}/{submissionId}.registration.csv";
}
