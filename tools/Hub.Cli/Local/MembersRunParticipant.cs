using System.Text.Json.Nodes;
using Hub.Core.Members;
using Hub.Core.Submissions;
using Hub.Storage.Tables;

namespace Hub.Cli.Local;

/// <summary>
/// The member pipeline's part in <c>./hub demo</c> / <c>./hub run</c>: a <c>members</c> section in summary.json with
/// the final state of every member of the run's employer (ids, 記号・番号・枝番, state, notice, certificate decision
/// with its reason, timeline), the rows registration refused (with code and reason) and any still waiting,
/// and a headline. No names and no My Numbers.
/// </summary>
public sealed class MembersRunParticipant : IRunParticipant
{
    /// <inheritdoc />
    public async Task<(string Name, JsonNode Value)?> CompleteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var pipeline = new MemberPipeline(context.Services);
        var today = context.Services.Clock.TodayInJapan;
        var members = new JsonArray();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Count(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        var list = new List<Member>();
        await foreach (var m in pipeline.Store.ListAsync(context.EmployerCode, cancellationToken).ConfigureAwait(false)) list.Add(m);
        foreach (var m in list.OrderBy(m => m.InsuredNumber, StringComparer.Ordinal).ThenBy(m => m.BranchNumber, StringComparer.Ordinal))
        {
            var timeline = await pipeline.Store.TimelineAsync(m.MemberId, cancellationToken).ConfigureAwait(false);
            members.Add(MemberReport.ToJson(m, timeline, today));
            Count("members");
            Count($"state:{MemberReport.StateOf(m, today)}");
            if (m.NoticeId is not null) Count("notices");
            if (m.NoticeFailure is not null) Count("noticesFailed");
            if (m.CertificateStatus is { } status) Count($"certificate:{status}");
        }

        var rejected = new JsonArray();
        var waiting = new JsonArray();
        var filter = TableClient.CreateQueryFilter($"EmployerCode eq {context.EmployerCode} and Status ne {StagedRowStatus.Registered}");
        await foreach (var row in pipeline.StagedRows.QueryAsync<StagedRow>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.Status == StagedRowStatus.Rejected)
            {
                var e = await pipeline.Store.Table.GetEntityIfExistsAsync<TableEntity>(MemberRegistration.RejectionPartition(row.PartitionKey),
                    Hub.Core.Members.MemberRegistration.RejectionRowKey(row.RowNumber), cancellationToken: cancellationToken).ConfigureAwait(false);
                var data = e.HasValue ? Hub.Core.Events.EventOutbox.FromEntity(e.Value!).Data : null;
                rejected.Add(new JsonObject
                {
                    ["submissionId"] = row.PartitionKey,
                    ["row"] = row.RowNumber,
                    ["code"] = row.RejectionCode,
                    ["message_ja"] = data?["message_ja"]?.GetValue<string>(),
                    ["message_en"] = data?["message_en"]?.GetValue<string>(),
                });
                Count("rowsRejected");
            }
            else
            {
                waiting.Add(new JsonObject { ["submissionId"] = row.PartitionKey, ["row"] = row.RowNumber, ["status"] = row.Status });
                Count("rowsNotRegistered");
            }
        }

        var headline = $"{counts.GetValueOrDefault("members")} member(s): {counts.GetValueOrDefault("notices")} notice(s), " +
                       $"{counts.GetValueOrDefault("certificate:issued")} certificate(s) issued, {counts.GetValueOrDefault("certificate:not_required")} not required, " +
                       $"{counts.GetValueOrDefault("certificate:held")} already held, {counts.GetValueOrDefault("state:withdrawn")} withdrawn, " +
                       $"{counts.GetValueOrDefault("rowsRejected")} row(s) rejected at registration" +
                       (counts.GetValueOrDefault("state:in_progress") + counts.GetValueOrDefault("rowsNotRegistered") > 0
                           ? $", {counts.GetValueOrDefault("state:in_progress")} member(s) and {counts.GetValueOrDefault("rowsNotRegistered")} row(s) not final"
                           : "");
        var section = new JsonObject
        {
            ["headline"] = headline,
            ["counts"] = new JsonObject(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["members"] = members,
            ["rejectedRows"] = rejected,
            ["rowsNotRegistered"] = waiting,
        };
        return ("members", section);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
