using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Hub.Core.Configuration;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Webhooks;
using Hub.Webhooks.Delivery;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>Delivery, retries and safety against real loopback receivers and Azurite, on a manual clock.</summary>
[Collection(WebhookCollection.Name)]
public sealed class DeliveryTests(WebhookFixture fixture) : DeliveryTestBase(fixture)
{
    [Fact]
    public async Task Delivers_a_signed_standard_webhook_whose_id_is_the_event_id()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        var (endpoint, secret) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws, "M0042", 3, new JsonObject { ["memberId"] = "M0042", ["change"] = "created", ["note"] = "氏名変更なし" });

        var outcome = await ws.Engine.DispatchAsync(dispatch);

        Assert.Equal(1, outcome.Delivered);
        var request = Assert.Single(receiver.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks", request.Path);
        Assert.Equal(dispatch.EventId, request.WebhookId);
        Assert.Equal(T0.ToUnixTimeSeconds(), request.Timestamp);
        Assert.StartsWith("application/json", request.Headers["content-type"]);
        Assert.Equal(WebhookSender.UserAgent, request.Headers["user-agent"]);
        AssertVerified(request, secret);
        Assert.Single(request.Signature.Split(' '));

        var body = Json(request);
        Assert.Equal(new[] { "type", "id", "timestamp", "subject", "sequence", "data" }, body.Select(p => p.Key));
        Assert.Equal("member.registered", body["type"]!.GetValue<string>());
        Assert.Equal(dispatch.EventId, body["id"]!.GetValue<string>());
        Assert.Equal(T0.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), body["timestamp"]!.GetValue<string>());
        Assert.Equal("member/M0042", body["subject"]!.GetValue<string>());
        Assert.Equal(3, body["sequence"]!.GetValue<long>());
        Assert.Equal("氏名変更なし", body["data"]!["note"]!.GetValue<string>());
        Assert.Contains("氏名変更なし", request.BodyText); // Japanese stays readable, not \u-escaped

        var delivery = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(T0, delivery.DeliveredAt);
        var attempt = Assert.Single(delivery.AttemptLog);
        Assert.Equal((1, 204, "delivered"), (attempt.Number, attempt.StatusCode, attempt.Outcome));
        Assert.Equal(request.BodyText, delivery.Body);
        Assert.Empty(await ScheduleAsync(ws));
    }

    [Fact]
    public async Task Document_paths_become_read_only_links_that_open()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        await AddEndpointAsync(ws, receiver.Url);
        var pdf = "%PDF-1.7 notice"u8.ToArray();
        await ws.Hub.Storage.Container(HubStorage.Containers.Notices).GetBlobClient("E0001/M0001/N0001.pdf").UploadAsync(BinaryData.FromBytes(pdf), overwrite: true);
        var dispatch = await CommitAsync(ws, data: new JsonObject
        {
            ["memberId"] = "M0001",
            ["noticeId"] = "N0001",
            ["noticeBlob"] = "notices/E0001/M0001/N0001.pdf",
            ["documents"] = new JsonArray(new JsonObject { ["kind"] = "a4", ["certificateBlob"] = "notices/E0001/M0001/N0001.pdf" }),
        }, type: EventTypes.NoticeIssued);

        await ws.Engine.DispatchAsync(dispatch);

        var data = Json(Assert.Single(receiver.Received))["data"]!.AsObject();
        Assert.Equal(new[] { "memberId", "noticeId", "noticeUrl", "documents" }, data.Select(p => p.Key));
        var link = new Uri(data["noticeUrl"]!.GetValue<string>());
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal(T0.AddDays(7).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), query["se"]);
        using var http = new HttpClient();
        Assert.Equal(pdf, await http.GetByteArrayAsync(link));
        var nested = data["documents"]![0]!.AsObject();
        Assert.False(nested.ContainsKey("certificateBlob"));
        Assert.Equal(pdf, await http.GetByteArrayAsync(nested["certificateUrl"]!.GetValue<string>()));
        // Read only: the same link cannot overwrite the document.
        var put = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent("x"u8.ToArray()) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(put)).StatusCode);
    }

    [Fact]
    public async Task Links_made_on_a_simulated_past_day_are_signed_against_real_time_and_open()
    {
        // ./hub run --as-of 2020-01-06 simulates a past day: the storage service still checks expiries against real time.
        var ws = Services(asOf: new DateOnly(2020, 1, 6));
        Assert.True(ws.Hub.Clock.GetUtcNow() < T0.AddYears(-5));
        var receiver = await ReceiverAsync();
        await AddEndpointAsync(ws, receiver.Url);
        var pdf = "%PDF-1.7 past"u8.ToArray();
        await ws.Hub.Storage.Container(HubStorage.Containers.Notices).GetBlobClient("E0001/M0002/N0002.pdf").UploadAsync(BinaryData.FromBytes(pdf), overwrite: true);
        var dispatch = await CommitAsync(ws, memberId: "M0002", data: new JsonObject { ["memberId"] = "M0002", ["noticeBlob"] = "notices/E0001/M0002/N0002.pdf" },
            type: EventTypes.NoticeIssued);

        await ws.Engine.DispatchAsync(dispatch);

        var link = new Uri(Json(Assert.Single(receiver.Received))["data"]!["noticeUrl"]!.GetValue<string>());
        Assert.Equal(T0.AddDays(7).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), System.Web.HttpUtility.ParseQueryString(link.Query)["se"]);
        using var http = new HttpClient();
        Assert.Equal(pdf, await http.GetByteArrayAsync(link));
    }

    [Fact]
    public async Task A_receiver_failing_three_times_gets_the_message_once_on_schedule()
    {
        var ws = Services();
        var receiver = await ReceiverAsync(new Reply(500, Body: "boom"), new Reply(500), new Reply(503));
        var (endpoint, secret) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        // Immediately and, in the same invocation, 5 s later: both fail.
        await ws.Engine.DispatchAsync(dispatch);
        Assert.Equal(2, receiver.Received.Count);
        var pending = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(DeliveryStatus.Pending, pending.Status);
        Assert.Equal(T0.AddSeconds(5).AddMinutes(5), pending.NextAttemptAt);
        Assert.Equal(T0, (await ws.Endpoints.GetAsync(endpoint.Id)).FailingSince);
        Assert.Equal(new[] { pending.NextAttemptTicks!.Value }, (await ScheduleAsync(ws)).Select(d => d.DueTicks));

        // Not due yet: nothing is sent.
        Clock.SetUtcNow(pending.NextAttemptAt!.Value.AddSeconds(-1));
        await ws.Engine.RunDueAsync();
        Assert.Equal(2, receiver.Received.Count);

        Clock.SetUtcNow(pending.NextAttemptAt!.Value);
        await ws.Engine.RunDueAsync();
        Assert.Equal(3, receiver.Received.Count);
        var third = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(30), third.NextAttemptAt);

        Clock.SetUtcNow(third.NextAttemptAt!.Value);
        await ws.Engine.RunDueAsync();
        await ws.Engine.RunDueAsync(); // nothing left to do

        var received = receiver.Received;
        Assert.Equal(4, received.Count);
        Assert.All(received, r => Assert.Equal(dispatch.EventId, r.WebhookId));
        Assert.All(received, r => AssertVerified(r, secret));
        Assert.All(received, r => Assert.Equal(received[0].BodyText, r.BodyText));
        long s0 = T0.ToUnixTimeSeconds();
        Assert.Equal(new[] { s0, s0 + 5, s0 + 5 + 300, s0 + 5 + 300 + 1800 }, received.Select(r => r.Timestamp));

        var delivered = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(DeliveryStatus.Delivered, delivered.Status);
        Assert.Equal(4, delivered.Attempts);
        Assert.Equal(new[] { 500, 500, 503, 204 }, delivered.AttemptLog.Select(a => a.StatusCode ?? 0));
        Assert.Equal(new[] { "failed", "failed", "failed", "delivered" }, delivered.AttemptLog.Select(a => a.Outcome));
        Assert.Equal("boom", delivered.AttemptLog[0].Response);
        Assert.Empty(await ScheduleAsync(ws));
        Assert.Null((await ws.Endpoints.GetAsync(endpoint.Id)).FailingSince); // a success resets the failure clock
    }

    [Fact]
    public async Task Eight_failed_attempts_follow_the_schedule_then_the_delivery_fails_and_is_listed()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        receiver.DefaultStatus = 500;
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(dispatch);
        for (var i = 0; i < 10; i++)
        {
            var d = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
            if (d.Status != DeliveryStatus.Pending) break;
            Clock.SetUtcNow(d.NextAttemptAt!.Value);
            await ws.Engine.RunDueAsync();
        }

        var gaps = receiver.Received.Select(r => r.Timestamp).Zip(receiver.Received.Skip(1).Select(r => r.Timestamp), (a, b) => b - a);
        Assert.Equal(new long[] { 5, 300, 1800, 7200, 18000, 36000, 36000 }, gaps);
        var failed = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal(8, failed.Attempts);
        Assert.Null(failed.NextAttemptTicks);
        Assert.Contains("all 8 attempts of round 1 failed", failed.Reason);
        Assert.Empty(await ScheduleAsync(ws));
        var listed = await ws.Deliveries.QueryAsync(status: DeliveryStatus.Failed).ToListAsync();
        Assert.Equal(failed.Id, Assert.Single(listed).Id);
        // 27.5 hours of failures is not 5 days: the endpoint stays enabled.
        Assert.True((await ws.Endpoints.GetAsync(endpoint.Id)).Enabled);
    }

    [Fact]
    public async Task Retry_after_in_seconds_postpones_the_next_attempt()
    {
        var ws = Services();
        var receiver = await ReceiverAsync(new Reply(429, new() { ["Retry-After"] = "3600" }));
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(dispatch);

        Assert.Single(receiver.Received); // no 5 s retry: the receiver asked for an hour
        var d = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(T0.AddHours(1), d.NextAttemptAt);
        Assert.Equal(3600, d.AttemptLog[0].RetryAfterSeconds);
        Clock.SetUtcNow(T0.AddMinutes(59));
        await ws.Engine.RunDueAsync();
        Assert.Single(receiver.Received);
        Clock.SetUtcNow(T0.AddHours(1));
        await ws.Engine.RunDueAsync();
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(DeliveryStatus.Delivered, (await DeliveryAsync(ws, endpoint.Id, dispatch.EventId)).Status);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_postpones_and_a_huge_one_is_capped()
    {
        var ws = Services();
        var receiver = await ReceiverAsync(
            new Reply(503, new() { ["Retry-After"] = T0.AddHours(2).ToString("r") }),
            new Reply(503, new() { ["Retry-After"] = "864000" }),
            new Reply(429, new() { ["Retry-After"] = "1" }));
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(dispatch);
        var first = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(T0.AddHours(2), first.NextAttemptAt);

        Clock.SetUtcNow(T0.AddHours(2));
        await ws.Engine.RunDueAsync();
        var second = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(T0.AddHours(2).AddHours(24), second.NextAttemptAt); // 10 days asked, 24 h honoured

        // A short Retry-After never makes an attempt earlier than scheduled (attempt 4 is 30 min after attempt 3).
        Clock.SetUtcNow(second.NextAttemptAt!.Value);
        await ws.Engine.RunDueAsync();
        var third = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(30), third.NextAttemptAt);
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_tells_other_subscribers()
    {
        var ws = Services();
        var gone = await ReceiverAsync(new Reply(410));
        var ops = await ReceiverAsync();
        var (a, _) = await AddEndpointAsync(ws, gone.Url);
        var (b, bSecret) = await AddEndpointAsync(ws, ops.Url, "endpoint.disabled");
        var dispatch = await CommitAsync(ws);

        var outcome = await ws.Engine.DispatchAsync(dispatch);

        Assert.Single(gone.Received);   // no retry after 410
        Assert.Empty(ops.Received);     // b does not subscribe to member events
        var failed = await DeliveryAsync(ws, a.Id, dispatch.EventId);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("410", failed.Reason);
        var disabled = await ws.Endpoints.GetAsync(a.Id);
        Assert.False(disabled.Enabled);
        Assert.Equal(Hub.Webhooks.Endpoints.DisableCause.Gone, disabled.DisabledBy);
        var emitted = Assert.Single(outcome.Dispatches);
        Assert.Equal((HubStorage.Tables.WebhookEndpoints, a.Id, EventTypes.EndpointDisabled), (emitted.Table, emitted.PartitionKey, emitted.EventType));

        // If the output message were lost, RetryWebhooks relays the recorded event after two minutes.
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(emitted, Assert.Single((await ws.Engine.RunDueAsync()).Dispatches));

        await ws.Engine.DispatchAsync(emitted);
        var message = Assert.Single(ops.Received);
        AssertVerified(message, bSecret);
        var body = Json(message);
        Assert.Equal("endpoint.disabled", body["type"]!.GetValue<string>());
        Assert.Equal($"endpoint/{a.Id}", body["subject"]!.GetValue<string>());
        Assert.Equal(a.Id, body["data"]!["endpointId"]!.GetValue<string>());
        Assert.Equal("gone", body["data"]!["reason"]!.GetValue<string>());
        Assert.Equal(410, body["data"]!["lastStatusCode"]!.GetValue<int>());
        Assert.Empty((await ws.Engine.RunDueAsync()).Dispatches); // processed: no more relaying

        // Later events are recorded as skipped for the disabled endpoint, never sent.
        var later = await CommitAsync(ws, sequence: 2);
        await ws.Engine.DispatchAsync(later);
        Assert.Single(gone.Received);
        Assert.Equal(DeliveryStatus.Skipped, (await DeliveryAsync(ws, a.Id, later.EventId)).Status);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        var ws = Services();
        var target = await ReceiverAsync();
        var receiver = await ReceiverAsync(new Reply(302, new() { ["Location"] = target.Url }), new Reply(307, new() { ["Location"] = target.Url }));
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(dispatch);

        Assert.Empty(target.Received);
        var d = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(DeliveryStatus.Pending, d.Status);
        Assert.Equal(new[] { 302, 307 }, d.AttemptLog.Select(a => a.StatusCode ?? 0));
        Assert.All(d.AttemptLog, a => Assert.Contains("redirects are not followed", a.Error));
    }

    [Fact]
    public async Task An_endpoint_failing_for_five_days_is_disabled_with_an_event()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        receiver.DefaultStatus = 500;
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);

        await ws.Engine.DispatchAsync(await CommitAsync(ws, sequence: 1));
        Assert.Equal(T0, (await ws.Endpoints.GetAsync(endpoint.Id)).FailingSince);

        Clock.SetUtcNow(T0.AddDays(5).AddSeconds(-10));
        var early = await ws.Engine.DispatchAsync(await CommitAsync(ws, sequence: 2));
        Assert.Empty(early.Dispatches);
        Assert.True((await ws.Endpoints.GetAsync(endpoint.Id)).Enabled); // the inline retry ends 5 s before the 5 days

        Clock.SetUtcNow(T0.AddDays(5));
        var outcome = await ws.Engine.DispatchAsync(await CommitAsync(ws, sequence: 3));
        var disabled = await ws.Endpoints.GetAsync(endpoint.Id);
        Assert.False(disabled.Enabled);
        Assert.Equal(Hub.Webhooks.Endpoints.DisableCause.Failing, disabled.DisabledBy);
        var dispatch = Assert.Single(outcome.Dispatches);
        var stored = await EventOutbox.LoadAsync(ws.Hub.Storage.Table(HubStorage.Tables.WebhookEndpoints), dispatch);
        Assert.Equal("failing", stored!.Data["reason"]!.GetValue<string>());
        Assert.Equal(500, stored.Data["lastStatusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_new_host_continues_the_retry_schedule_after_a_restart()
    {
        var first = Services();
        var receiver = await ReceiverAsync(new Reply(500), new Reply(500));
        var (endpoint, secret) = await AddEndpointAsync(first, receiver.Url);
        var dispatch = await CommitAsync(first);
        await first.Engine.DispatchAsync(dispatch);
        first.Dispose(); // the handler process goes away; only storage remains

        var second = Services();
        Clock.SetUtcNow(T0.AddSeconds(5).AddMinutes(5));
        var outcome = await second.Engine.RunDueAsync();

        Assert.Equal(1, outcome.Delivered);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(T0.AddSeconds(305).ToUnixTimeSeconds(), receiver.Received[2].Timestamp);
        AssertVerified(receiver.Received[2], secret);
        var d = await DeliveryAsync(second, endpoint.Id, dispatch.EventId);
        Assert.Equal((DeliveryStatus.Delivered, 3), (d.Status, d.Attempts));
    }

    [Fact]
    public async Task An_attempt_cut_off_by_a_crash_is_made_again_when_its_claim_expires()
    {
        var first = Services();
        var receiver = await ReceiverAsync(new Reply(204, Delay: TimeSpan.FromSeconds(30)));
        var (endpoint, _) = await AddEndpointAsync(first, receiver.Url);
        var dispatch = await CommitAsync(first);
        using var crash = new CancellationTokenSource();
        var running = first.Engine.DispatchAsync(dispatch, crash.Token);
        for (var i = 0; i < 1500 && receiver.Received.Count == 0; i++) await Task.Delay(20);
        Assert.Single(receiver.Received);
        await crash.CancelAsync(); // the process dies mid-request
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var stranded = await DeliveryAsync(first, endpoint.Id, dispatch.EventId);
        Assert.Equal((DeliveryStatus.Pending, 0), (stranded.Status, stranded.Attempts));
        Assert.Equal(T0.AddMinutes(2), stranded.ClaimedUntil);

        // The failed invocation's message comes back; the new host sees the claim and schedules its end.
        var second = Services();
        Clock.SetUtcNow(T0.AddMinutes(1));
        Assert.Equal(0, (await second.Engine.DispatchAsync(dispatch)).Attempts);
        Assert.Equal(new[] { T0.AddMinutes(2).UtcTicks }, (await ScheduleAsync(second)).Select(d => d.DueTicks));
        Assert.Equal(0, (await second.Engine.RunDueAsync()).Attempts);
        Clock.SetUtcNow(T0.AddMinutes(2));
        Assert.Equal(1, (await second.Engine.RunDueAsync()).Delivered);

        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Received[0].WebhookId, receiver.Received[1].WebhookId);
        Assert.Equal(DeliveryStatus.Delivered, (await DeliveryAsync(second, endpoint.Id, dispatch.EventId)).Status);
        Assert.Empty(await ScheduleAsync(second));
    }

    [Fact]
    public async Task A_schedule_entry_not_matching_its_delivery_is_left_a_minute_then_removed()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);
        await ws.Engine.DispatchAsync(dispatch);
        var delivered = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);

        // A replay writes its entry (due now) just before it moves the record: the timer must not drop it meanwhile.
        await ws.Queue.EnsureAsync(delivered with { NextAttemptTicks = Clock.GetUtcNow().UtcTicks });
        var young = await ws.Engine.RunDueAsync();
        Assert.Equal((0, 1, 0), (young.Attempts, young.Busy, young.Stale));
        Assert.Single(await ScheduleAsync(ws));

        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var old = await ws.Engine.RunDueAsync();
        Assert.Equal((0, 1), (old.Attempts, old.Stale));
        Assert.Empty(await ScheduleAsync(ws));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task A_redelivered_or_duplicated_dispatch_never_makes_a_second_delivery()
    {
        var ws = Services();
        var receiver = await ReceiverAsync(new Reply(500), new Reply(500));
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(dispatch);
        var before = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        // The source message is redelivered (or the producer re-emits it) while the delivery waits for its retry.
        await ws.Engine.DispatchAsync(dispatch);
        await Services().Engine.DispatchAsync(dispatch);
        var after = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal((before.Attempts, before.NextAttemptTicks), (after.Attempts, after.NextAttemptTicks));
        Assert.Single(await ScheduleAsync(ws));

        Clock.SetUtcNow(after.NextAttemptAt!.Value);
        await ws.Engine.RunDueAsync();
        await ws.Engine.DispatchAsync(dispatch); // and once more after delivery
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.WebhookId).Distinct());
        Assert.Single(await ws.Deliveries.QueryAsync(endpoint.Id).ToListAsync());
    }

    [Fact]
    public async Task Concurrent_duplicate_dispatches_make_one_delivery_and_one_message()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Services().Engine.DispatchAsync(dispatch)));

        Assert.Single(receiver.Received);
        Assert.Single(await ws.Deliveries.QueryAsync(endpoint.Id).ToListAsync());
    }

    [Fact]
    public async Task A_body_with_a_my_number_or_a_raw_file_link_is_never_sent()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var leak = await CommitAsync(ws, sequence: 1, data: new JsonObject { ["memberId"] = "M0001", ["myNumber"] = "1234 5678 9018" });
        var raw = await CommitAsync(ws, sequence: 2, data: new JsonObject { ["memberId"] = "M0001", ["fileBlob"] = "submissions/E0001/upload.csv" });

        var outcome1 = await ws.Engine.DispatchAsync(leak);
        var outcome2 = await ws.Engine.DispatchAsync(raw);

        Assert.Empty(receiver.Received);
        Assert.Equal((0, 1), (outcome1.Attempts, outcome1.Failed));
        var refused = await DeliveryAsync(ws, endpoint.Id, leak.EventId);
        Assert.Equal(DeliveryStatus.Failed, refused.Status);
        Assert.Contains(WebhookErrorCodes.BodyContainsMyNumber, refused.Reason);
        Assert.DoesNotContain("5678", refused.Reason);
        Assert.Equal("", refused.Body);
        Assert.Contains(WebhookErrorCodes.LinkNotAllowed, (await DeliveryAsync(ws, endpoint.Id, raw.EventId)).Reason);
        Assert.Equal(1, outcome2.Failed);
        // Refusing our own body says nothing about the endpoint's health.
        Assert.Null((await ws.Endpoints.GetAsync(endpoint.Id)).FailingSince);
    }

    [Fact]
    public async Task Replay_resends_with_the_original_webhook_id_and_fresh_links()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        var (endpoint, secret) = await AddEndpointAsync(ws, receiver.Url);
        await ws.Hub.Storage.Container(HubStorage.Containers.Certificates).GetBlobClient("E0001/M0001/C1.pdf").UploadAsync(BinaryData.FromString("pdf"), overwrite: true);
        var old = await CommitAsync(ws, sequence: 1);
        Clock.Advance(TimeSpan.FromHours(1));
        var since = Clock.GetUtcNow();
        var recent = await CommitAsync(ws, sequence: 2, type: EventTypes.CertificateIssued,
            data: new JsonObject { ["memberId"] = "M0001", ["certificateBlob"] = "certificates/E0001/M0001/C1.pdf" });
        await ws.Engine.DispatchAsync(old);
        await ws.Engine.DispatchAsync(recent);
        Assert.Equal(2, receiver.Received.Count);

        Clock.Advance(TimeSpan.FromDays(1));
        var replay = await ws.Replay.ReplayAsync(since, endpoint.Id);
        Assert.Equal((1, 1, 0), (replay.Endpoints, replay.Requeued, replay.AlreadyPending));
        var requeued = await DeliveryAsync(ws, endpoint.Id, recent.EventId);
        Assert.Equal((DeliveryStatus.Pending, 2, 0), (requeued.Status, requeued.Round, requeued.RoundAttempts));
        await ws.Engine.RunDueAsync();

        Assert.Equal(3, receiver.Received.Count);
        var original = receiver.Received[1];
        var replayed = receiver.Received[2];
        Assert.Equal(recent.EventId, replayed.WebhookId);
        Assert.Equal(original.WebhookId, replayed.WebhookId);
        AssertVerified(replayed, secret);
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeSeconds(), replayed.Timestamp);
        var (o, r) = (Json(original), Json(replayed));
        Assert.Equal(o["timestamp"]!.GetValue<string>(), r["timestamp"]!.GetValue<string>()); // when it happened, unchanged
        Assert.NotEqual(o["data"]!["certificateUrl"]!.GetValue<string>(), r["data"]!["certificateUrl"]!.GetValue<string>()); // re-minted
        var expiry = System.Web.HttpUtility.ParseQueryString(new Uri(r["data"]!["certificateUrl"]!.GetValue<string>()).Query)["se"];
        Assert.Equal(Clock.GetUtcNow().AddDays(7).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), expiry);
        var done = await DeliveryAsync(ws, endpoint.Id, recent.EventId);
        Assert.Equal((DeliveryStatus.Delivered, 2, 2), (done.Status, done.Attempts, done.Round));

        // --only-failed leaves delivered ones alone.
        Assert.Equal(0, (await ws.Replay.ReplayAsync(T0.AddDays(-1), onlyFailed: true)).Requeued);
    }

    [Fact]
    public async Task Resend_sends_one_delivery_again_and_a_disabled_endpoint_is_refused()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        receiver.DefaultStatus = 500;
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);
        await ws.Engine.DispatchAsync(dispatch);
        var pending = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);

        // A pending one is brought forward: due now, same round, the old schedule entry gone.
        var resent = await ws.Replay.ResendAsync(pending.Id);
        Assert.Equal((DeliveryStatus.Pending, 1, Clock.GetUtcNow()), (resent.Status, resent.Round, resent.NextAttemptAt!.Value));
        Assert.Equal(new[] { resent.NextAttemptTicks!.Value }, (await ScheduleAsync(ws)).Select(x => x.DueTicks));
        receiver.DefaultStatus = 200;
        await ws.Engine.RunDueAsync();
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(DeliveryStatus.Delivered, (await DeliveryAsync(ws, endpoint.Id, dispatch.EventId)).Status);

        await ws.Endpoints.DisableAsync(endpoint.Id, "maintenance");
        var e = await Assert.ThrowsAsync<WebhookException>(() => ws.Replay.ResendAsync(pending.Id));
        Assert.Equal(WebhookErrorCodes.EndpointDisabled, e.Code);
        Assert.Equal(WebhookErrorCodes.DeliveryNotFound, (await Assert.ThrowsAsync<WebhookException>(() => ws.Replay.ResendAsync("nonsense"))).Code);
    }

    [Fact]
    public async Task Events_missed_while_disabled_are_skipped_and_delivered_by_a_replay_after_enabling()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        await ws.Endpoints.DisableAsync(endpoint.Id, "insurer maintenance");
        var missed = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(missed);
        Assert.Empty(receiver.Received);
        Assert.Equal(DeliveryStatus.Skipped, (await DeliveryAsync(ws, endpoint.Id, missed.EventId)).Status);
        await Assert.ThrowsAsync<WebhookException>(() => ws.Replay.ReplayAsync(T0, endpoint.Id));

        await ws.Endpoints.EnableAsync(endpoint.Id);
        Assert.Equal(1, (await ws.Replay.ReplayAsync(T0, onlyFailed: true)).Requeued);
        await ws.Engine.RunDueAsync();
        Assert.Equal(missed.EventId, Assert.Single(receiver.Received).WebhookId);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_then_only_the_new_one()
    {
        var ws = Services();
        var receiver = await ReceiverAsync();
        var (endpoint, oldSecret) = await AddEndpointAsync(ws, receiver.Url);
        var (_, newSecret) = await ws.Endpoints.RotateSecretAsync(endpoint.Id, TimeSpan.FromHours(24));

        await ws.Engine.DispatchAsync(await CommitAsync(ws, sequence: 1));
        var during = receiver.Received[0];
        Assert.Equal(2, during.Signature.Split(' ').Length);
        AssertVerified(during, oldSecret);
        AssertVerified(during, newSecret);

        Clock.SetUtcNow(T0.AddHours(24));
        await ws.Engine.DispatchAsync(await CommitAsync(ws, sequence: 2));
        var after = receiver.Received[1];
        Assert.Single(after.Signature.Split(' '));
        AssertVerified(after, newSecret);
        Assert.False(Hub.Webhooks.Signing.WebhookSignature.Verify([oldSecret], after.WebhookId, after.Headers["webhook-timestamp"], after.Signature, after.Body,
            DateTimeOffset.FromUnixTimeSeconds(after.Timestamp)).Valid);

        // The next rotation drops the expired secret for good.
        var (rotated, _) = await ws.Endpoints.RotateSecretAsync(endpoint.Id, TimeSpan.Zero);
        Assert.Equal(new[] { "s3", "s2" }, rotated.Secrets.Select(s => s.Id));
        Assert.Equal(new[] { "s3" }, rotated.ActiveSecrets(Clock.GetUtcNow()).Select(s => s.Id));
    }

    [Fact]
    public async Task Outside_local_mode_a_host_that_rebinds_to_loopback_is_refused_at_send_time()
    {
        // DNS answers a public address when the endpoint is added, then loopback (rebinding).
        var resolver = new ScriptedResolver([IPAddress.Parse("20.43.0.1")], [IPAddress.Loopback]);
        var ws = Services(HubEnvironment.Azure, resolver: resolver);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (endpoint, _) = await AddEndpointAsync(ws, $"https://hooks.insurer.example:{port}/hooks");
        var dispatch = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(dispatch);

        Assert.False(listener.Pending()); // not even a TCP connection was made
        var d = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Equal(DeliveryStatus.Pending, d.Status); // DNS may change back: the schedule goes on
        Assert.Equal(2, d.AttemptLog.Count);
        Assert.All(d.AttemptLog, a => Assert.Equal("refused", a.Outcome));
        Assert.All(d.AttemptLog, a => Assert.Contains(WebhookErrorCodes.AddressRefused, a.Error));
        Assert.True(resolver.Calls >= 3);

        // And http is refused outright outside local mode, nothing stored.
        var e = await Assert.ThrowsAsync<WebhookException>(() => AddEndpointAsync(ws, $"http://hooks.insurer.example:{port}/hooks"));
        Assert.Equal(WebhookErrorCodes.UrlNotHttps, e.Code);
        Assert.Single(await ws.Endpoints.ListAsync());
    }

    [Fact]
    public async Task A_slow_receiver_times_out_and_responses_are_truncated_to_1_KiB()
    {
        var ws = Services(options: new WebhookOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        var receiver = await ReceiverAsync(new Reply(204, Delay: TimeSpan.FromSeconds(20)), new Reply(500, Body: new string('あ', 2000)));
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);

        await ws.Engine.DispatchAsync(dispatch);

        var d = await DeliveryAsync(ws, endpoint.Id, dispatch.EventId);
        Assert.Null(d.AttemptLog[0].StatusCode);
        Assert.Equal("no response within 1 s", d.AttemptLog[0].Error);
        Assert.Equal(500, d.AttemptLog[1].StatusCode);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(d.AttemptLog[1].Response!), 1000, 1024 + 3);
        Assert.StartsWith("ああ", d.AttemptLog[1].Response);
    }
}
