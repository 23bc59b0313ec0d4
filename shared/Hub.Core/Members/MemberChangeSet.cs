using System.Text.Json.Nodes;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// One atomic change to a member: the new member state, the operation that made it, timeline entries and
/// outbox events (sequences taken from the member), and the follow-up messages. Committed by
/// <see cref="MemberStore.CommitAsync"/>.
/// </summary>
public sealed class MemberChangeSet
{
    private readonly List<HubEvent> _events = [];
    private readonly List<MemberTimelineEntry> _timeline = [];

    /// <summary>Starts a change of <paramref name="updated"/> (a copy of the stored member, or a new one when <paramref name="isNew"/>).</summary>
    public MemberChangeSet(Member updated, bool isNew, string operationId, string step, DateTimeOffset now)
    {
        Member = updated;
        IsNew = isNew;
        OperationId = operationId;
        Step = step;
        Now = now;
        updated.UpdatedAt = now;
    }

    /// <summary>The member as it will be stored.</summary>
    public Member Member { get; }

    /// <summary>Whether the member is created.</summary>
    public bool IsNew { get; }

    /// <summary>The operation id.</summary>
    public string OperationId { get; }

    /// <summary>The step name.</summary>
    public string Step { get; }

    /// <summary>The commit time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>What the operation did, in a word.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Follow-up messages; the event dispatches are added by <see cref="BuildActions"/>.</summary>
    public StepOutputs Outputs { get; } = new();

    /// <summary>The events added so far.</summary>
    public IReadOnlyList<HubEvent> Events => _events;

    /// <summary>The member's subject in events: <c>member/{memberId}</c>.</summary>
    public static string Subject(string memberId) => $"member/{memberId}";

    /// <summary>Adds an outbox event (deterministic id from the operation and <paramref name="discriminator"/>).</summary>
    public HubEvent AddEvent(string type, JsonObject data, string? discriminator = null)
    {
        var subject = Subject(Member.MemberId);
        var e = new HubEvent(HubEvent.DeterministicId(subject, type, discriminator ?? OperationId), type, subject, ++Member.EventSequence, Now, data);
        _events.Add(e);
        return e;
    }

    /// <summary>Adds a timeline entry.</summary>
    public void AddTimeline(string kind, string summaryJa, string summaryEn, string? reference = null, HubEvent? e = null, DateTimeOffset? at = null) =>
        _timeline.Add(new MemberTimelineEntry
        {
            PartitionKey = Member.MemberId,
            RowKey = MemberTimelineEntry.KeyFor(++Member.TimelineSequence),
            At = at ?? Now,
            Kind = kind,
            SummaryJa = summaryJa,
            SummaryEn = summaryEn,
            Reference = reference,
            EventId = e?.Id,
        });

    /// <summary>The transaction actions (member first, then operation, timeline and events); records the dispatches in <see cref="Outputs"/>.</summary>
    public IReadOnlyList<TableTransactionAction> BuildActions()
    {
        Outputs.Dispatches.Clear();
        Outputs.Dispatches.AddRange(_events.Select(e => EventOutbox.Dispatch(HubStorage.Tables.Members, Member.MemberId, e)));
        var operation = new MemberOperation
        {
            PartitionKey = Member.MemberId,
            RowKey = MemberOperation.KeyFor(OperationId),
            OperationId = OperationId,
            Step = Step,
            AppliedAt = Now,
            Outcome = Outcome,
            Outputs = Outputs.ToJson(),
        };
        var actions = new List<TableTransactionAction>
        {
            IsNew
                ? new(TableTransactionActionType.Add, Member)
                : new(TableTransactionActionType.UpdateReplace, Member, Member.ETag),
            new(TableTransactionActionType.Add, operation),
        };
        actions.AddRange(_timeline.Select(t => new TableTransactionAction(TableTransactionActionType.Add, t)));
        actions.AddRange(_events.Select(e => EventOutbox.Append(Member.MemberId, e)));
        return actions;
    }
}
