using System.Collections.Concurrent;

namespace Hub.Core.Completion;

/// <summary>What became of one submission in a CompleteSubmissions run.</summary>
public enum CompletionResult
{
    /// <summary>Every accepted row is final: the result was written and the submission marked complete.</summary>
    Completed,

    /// <summary>The waiting time is over with rows unfinished: the result was written with them pending.</summary>
    WrittenPending,

    /// <summary>Rows are still staged and the waiting time is not over (or ingestion is still processing): nothing written.</summary>
    Waiting,

    /// <summary>A pending result is out and rows are still unfinished: nothing new to say.</summary>
    StillPending,

    /// <summary>Another run holds the submission (or took it over): nothing written by this run.</summary>
    Busy,

    /// <summary>The final result was written before (a crash left the waiting entry); the entry was removed.</summary>
    AlreadyComplete,

    /// <summary>The submission ended without rows to register (failed, superseded) or is gone: the entry was removed.</summary>
    Dropped,

    /// <summary>The submission is not waiting for a registration result.</summary>
    NotDue,
}

/// <summary>A CompleteSubmissions run: what happened to each waiting submission, counted, and the failures.</summary>
public sealed class CompletionRunOutcome
{
    private readonly ConcurrentDictionary<CompletionResult, int> _counts = new();

    /// <summary>Submissions left for the next run because the run's time budget was spent.</summary>
    public int Deferred { get; internal set; }

    /// <summary>Submissions whose completion failed (id, error type and message; no personal data).</summary>
    public List<(string SubmissionId, string Error)> Failures { get; } = [];

    /// <summary>How many submissions ended with <paramref name="result"/>.</summary>
    public int Count(CompletionResult result) => _counts.GetValueOrDefault(result);

    /// <summary>Result files written by this run (complete or pending).</summary>
    public int Written => Count(CompletionResult.Completed) + Count(CompletionResult.WrittenPending);

    internal void Add(CompletionResult result) => _counts.AddOrUpdate(result, 1, (_, n) => n + 1);

    /// <inheritdoc />
    public override string ToString() =>
        $"registration results: {Count(CompletionResult.Completed)} complete and {Count(CompletionResult.WrittenPending)} pending written; " +
        $"{Count(CompletionResult.Waiting)} waiting, {Count(CompletionResult.StillPending)} still pending, {Count(CompletionResult.Busy)} busy, " +
        $"{Count(CompletionResult.AlreadyComplete) + Count(CompletionResult.Dropped)} cleaned up, {Deferred} deferred, {Failures.Count} failed";
}
