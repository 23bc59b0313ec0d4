using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.LocalHost.Config;
using Hub.LocalHost.Protocol;
using Hub.Storage;
using Hub.Storage.Blobs;
using NCrontab;

namespace Hub.LocalHost.Triggers;

/// <summary>
/// timerTrigger: a six-field NCRONTAB schedule (seconds first; <c>%Setting%</c> expanded) in UTC, as on
/// Azure without WEBSITE_TIME_ZONE. With <c>useMonitor</c> (the default) the schedule status
/// <c>{"Last","Next","LastUpdated"}</c> is kept in <c>azure-webjobs-hosts/timers/{hostId}/{function}/status</c>
/// like the host's ScheduleMonitor, so an occurrence missed while the host was down runs once at start
/// with <c>IsPastDue = true</c>. <c>runOnStartup</c> runs it once at start.
/// </summary>
internal sealed class TimerTriggerListener : ITriggerListener
{
    private readonly FunctionsHostContext _context;
    private readonly FunctionDescriptor _function;
    private readonly Binding _trigger;
    private readonly CrontabSchedule _schedule;
    private readonly BlobClient? _status;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _active;

    public TimerTriggerListener(FunctionsHostContext context, FunctionDescriptor function, TimeProvider time)
    {
        _context = context;
        _function = function;
        _trigger = function.Trigger;
        _time = time;
        var expression = context.Settings.Expand(_trigger["schedule"] ?? throw new InvalidDataException($"{function.Name}: timerTrigger needs a schedule."), function.Name);
        _schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidDataException($"{function.Name}: '{expression}' is not a six-field NCRONTAB expression (second minute hour day month day-of-week).");
        var useMonitor = _trigger.Raw["useMonitor"] is not JsonValue v || !v.TryGetValue<bool>(out var b) || b;
        if (useMonitor)
            _status = context.HostStorage.CreateBlobServiceClient().GetBlobContainerClient("azure-webjobs-hosts")
                .GetBlobClient($"timers/{context.HostId}/{function.FullName}/status");
    }

    /// <summary>The next occurrence after <paramref name="after"/> (UTC).</summary>
    public DateTime NextOccurrence(DateTime after) => _schedule.GetNextOccurrence(after);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_status is not null)
            await _context.HostStorage.CreateBlobServiceClient().GetBlobContainerClient("azure-webjobs-hosts")
                .CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    public Task<bool> IsIdleAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _active) == 0);

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var status = await ReadStatusAsync(ct).ConfigureAwait(false);
            if (status is { Next: var next } && next < now)
            {
                // Missed while the host was down: one catch-up run, past due.
                await InvokeAsync(isPastDue: true, last: status.Last, NextOccurrence(now), ct).ConfigureAwait(false);
            }
            else if (_trigger.Flag("runOnStartup"))
            {
                await InvokeAsync(isPastDue: false, last: status?.Last, NextOccurrence(now), ct).ConfigureAwait(false);
            }
            else if (status is null)
            {
                await WriteStatusAsync(new ScheduleStatus(null, NextOccurrence(now), now), ct).ConfigureAwait(false);
            }

            while (!ct.IsCancellationRequested)
            {
                now = _time.GetUtcNow().UtcDateTime;
                var occurrence = NextOccurrence(now);
                var delay = occurrence - now;
                if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                await InvokeAsync(isPastDue: false, last: occurrence, NextOccurrence(occurrence), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _context.Log.Host($"Functions.{_function.Name}: timer stopped: {e.Message}");
        }
    }

    /// <summary>Runs the function now, as the host's admin API (<c>POST /admin/functions/{name}</c>) does for a timer function.</summary>
    public Task RunNowAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return InvokeAsync(isPastDue: false, last: null, NextOccurrence(now), ct, reason: "Manually triggered");
    }

    private async Task InvokeAsync(bool isPastDue, DateTime? last, DateTime next, CancellationToken ct, string? reason = null)
    {
        Interlocked.Increment(ref _active);
        try
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var timerInfo = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject
                {
                    ["Last"] = NewtonsoftJson.IsoUtc(last ?? DateTime.MinValue),
                    ["Next"] = NewtonsoftJson.IsoUtc(next),
                    ["LastUpdated"] = NewtonsoftJson.IsoUtc(now),
                },
                ["IsPastDue"] = isPastDue,
            };
            var envelope = new InvocationEnvelope
            {
                TriggerName = _trigger.Name,
                TriggerValue = new HostInput.Object(timerInfo),
                Metadata = [new("sys", FunctionsHostContext.Sys(_function.Name))],
            };
            reason ??= isPastDue ? "Timer fired (past due)" : "Timer fired";
            await _context.InvokeAsync(_function, envelope, $"{reason} at {now:O}", new Dictionary<string, string>(), ct).ConfigureAwait(false);
            // The host records the schedule status whether or not the function succeeded.
            await WriteStatusAsync(new ScheduleStatus(now, next, now), ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private async Task<ScheduleStatus?> ReadStatusAsync(CancellationToken ct)
    {
        if (_status is null) return null;
        try
        {
            var content = (await _status.DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content;
            return JsonSerializer.Deserialize<ScheduleStatus>(content.ToMemory().Span);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task WriteStatusAsync(ScheduleStatus status, CancellationToken ct)
    {
        if (_status is null) return;
        await _status.UploadAsync(BinaryData.FromObjectAsJson(status), overwrite: true, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>The ScheduleMonitor's status blob (property names as the host writes them).</summary>
    internal sealed record ScheduleStatus(DateTime? Last, DateTime Next, DateTime LastUpdated);
}
