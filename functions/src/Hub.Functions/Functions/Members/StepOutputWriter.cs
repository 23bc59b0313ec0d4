using Hub.Core.Members;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Members;

/// <summary>Writes a step's outputs to the function's output bindings (only those the step produced).</summary>
internal static class StepOutputWriter
{
    public const string Webhooks = "webhooks";
    public const string Notices = "notices";
    public const string Certificates = "certificates";
    public const string Registrations = "registrations";

    public static void Write(InvocationResult result, StepOutputs outputs)
    {
        result.SetMessages(Webhooks, outputs.Dispatches);
        if (outputs.Notices.Count > 0) result.SetMessages(Notices, outputs.Notices);
        if (outputs.Certificates.Count > 0) result.SetMessages(Certificates, outputs.Certificates);
        if (outputs.Registrations.Count > 0) result.SetMessages(Registrations, outputs.Registrations);
        foreach (var line in outputs.Log) result.Log(line);
    }
}
