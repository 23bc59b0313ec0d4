using System.Text.Json.Nodes;
using Hub.Core.Events;

namespace Hub.Integration.Tests.Webhooks.Catalog;

/// <summary>
/// The insurer's catalog (docs/asyncapi.json, docs/webhooks.md) describes exactly what the hub sends: the bodies a real
/// run delivered (<see cref="CatalogRunFixture"/>) are validated against the document's schemas, undocumented fields
/// included, and carry the ordering the guide promises.
/// </summary>
public sealed class WebhookCatalogEndToEndTests(CatalogRunFixture run) : IClassFixture<CatalogRunFixture>
{
    private static readonly AsyncApiDocument Document = AsyncApiDocument.Load();

    [Fact]
    public void The_run_sent_every_event_type_and_the_variants_the_catalog_describes()
    {
        var types = run.Events.Select(e => Type(e)).ToHashSet();
        Assert.True(EventTypes.All.All(types.Contains),
            $"not received: {string.Join(", ", EventTypes.All.Except(types))}; received {run.Events.Count} event(s)\n{run.Logs}");
        Assert.Equal(["completed", "duplicate", "refused"], Values(EventTypes.SubmissionProcessed, "status"));
        Assert.Equal(["false", "true"], Values(EventTypes.MemberRegistered, "created"));
        Assert.Equal(["insured_withdrawn", "row"], Values(EventTypes.MemberWithdrawn, "cause"));
        Assert.Equal(["false", "true"], Values(EventTypes.NoticeIssued, "reissue"));
    }

    [Fact]
    public void Every_body_received_matches_the_schema_of_its_type_with_no_undocumented_field()
    {
        Assert.NotEmpty(run.Events);
        var problems = run.Events
            .SelectMany(e => Document.Validate(e).Select(p => $"{Type(e)} {e["id"]}: {p}"))
            .ToList();
        Assert.True(problems.Count == 0,
            $"{problems.Count} problem(s) in {run.Events.Count} real event(s):\n{string.Join("\n", problems)}\n\nbodies:\n{string.Join("\n", run.Events.Select(e => e.ToJsonString()))}");
    }

    [Fact]
    public void Every_message_is_signed_with_the_documented_headers_and_its_webhook_id_is_the_event_id()
    {
        Assert.All(run.Received, r =>
        {
            DeliveryTestBase.AssertVerified(r, run.Secret);
            Assert.Equal("application/json; charset=utf-8", r.Headers["content-type"]);
            Assert.Equal("MyNumberHub-Webhooks/1.0", r.Headers["user-agent"]);
            Assert.Equal(r.WebhookId, JsonNode.Parse(r.Body)!["id"]!.GetValue<string>());
        });
    }

    [Fact]
    public void No_two_events_of_a_subject_share_a_sequence_and_a_rejection_is_numbered_row_plus_1()
    {
        // A receiver keeps the highest sequence applied per subject: a second event with the same number would look old.
        var clashes = run.Events
            .GroupBy(e => (Subject: e["subject"]!.GetValue<string>(), Sequence: e["sequence"]!.GetValue<long>()))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Subject} #{g.Key.Sequence}: {string.Join(", ", g.Select(Type))}")
            .ToList();
        Assert.True(clashes.Count == 0, "events sharing a subject and sequence:\n" + string.Join("\n", clashes));
        var rejections = run.Events.Where(e => Type(e) == EventTypes.MemberRejected).ToList();
        Assert.NotEmpty(rejections);
        Assert.All(rejections, e => Assert.Equal(e["data"]!["row"]!.GetValue<long>() + 1, e["sequence"]!.GetValue<long>()));
    }

    [Fact]
    public void A_members_events_are_numbered_in_commit_order_and_a_submission_is_processed_as_1()
    {
        Assert.All(run.Events.Where(e => Type(e) == EventTypes.SubmissionProcessed), e => Assert.Equal(1, e["sequence"]!.GetValue<long>()));
        var members = run.Events.Where(e => e["subject"]!.GetValue<string>().StartsWith("member/", StringComparison.Ordinal))
            .GroupBy(e => e["subject"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(members);
        foreach (var member in members)
        {
            var ordered = member.OrderBy(e => e["timestamp"]!.GetValue<string>(), StringComparer.Ordinal)
                .ThenBy(e => e["sequence"]!.GetValue<long>()).Select(e => e["sequence"]!.GetValue<long>()).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count).Select(i => (long)i), ordered);
        }
    }

    private static string Type(JsonObject e) => e["type"]!.GetValue<string>();

    private string[] Values(string type, string field) =>
        run.Events.Where(e => Type(e) == type).Select(e => e["data"]![field] switch
            {
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
                var other => other?.ToJsonString() ?? "null",
            }).Distinct().Order(StringComparer.Ordinal).ToArray();
}
