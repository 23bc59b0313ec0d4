using System.Text.Json;
using System.Text.Json.Serialization;
using Hub.Core.Events;
using Hub.Core.Submissions;

namespace Hub.Core.Members;

/// <summary>
/// What a pipeline step asks the function to send once its changes are committed: event dispatches to
/// <c>webhook-delivery</c> and the next steps' messages. Recorded on the operation so a redelivery sends the
/// same again.
/// </summary>
public sealed class StepOutputs
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Dispatches of committed outbox events (<c>webhooks</c>).</summary>
    public List<EventDispatch> Dispatches { get; set; } = [];

    /// <summary>Notices to render (<c>notice-generation</c>).</summary>
    public List<NoticeRequest> Notices { get; set; } = [];

    /// <summary>Certificate decisions to make (<c>certificate-issuance</c>).</summary>
    public List<CertificateRequest> Certificates { get; set; } = [];

    /// <summary>Registrations to run again (dependants that waited for their insured person; <c>member-registration</c>).</summary>
    public List<RegistrationRequest> Registrations { get; set; } = [];

    /// <summary>Log lines for the host (ids and counts only).</summary>
    [JsonIgnore]
    public List<string> Log { get; } = [];

    /// <summary>Adds everything of <paramref name="other"/>.</summary>
    public StepOutputs Add(StepOutputs other)
    {
        Dispatches.AddRange(other.Dispatches);
        Notices.AddRange(other.Notices);
        Certificates.AddRange(other.Certificates);
        Registrations.AddRange(other.Registrations);
        Log.AddRange(other.Log);
        return this;
    }

    /// <summary>The JSON recorded on an operation.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
