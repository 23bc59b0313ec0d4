namespace Hub.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> tests move by hand: <see cref="Advance"/> fires the timers that come due, in
/// order. With <see cref="AutoAdvance"/> a timer's creation moves the clock to its due time and fires it (on
/// the thread pool), so code that waits (<c>Task.Delay(d, clock)</c>) runs through without real waiting.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    /// <summary>A clock at <paramref name="start"/>.</summary>
    public ManualClock(DateTimeOffset start) => _now = start;

    /// <summary>Whether creating a timer jumps the clock to its due time (see class remarks).</summary>
    public bool AutoAdvance { get; set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward and fires the timers due by then.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        SetUtcNow(GetUtcNow() + by);
    }

    /// <summary>Moves the clock to <paramref name="time"/> (never backwards) and fires the timers due by then.</summary>
    public void SetUtcNow(DateTimeOffset time)
    {
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                if (time < _now) throw new ArgumentOutOfRangeException(nameof(time), "The clock never goes backwards.");
                next = _timers.Where(t => t.Due <= time).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = time;
                    return;
                }
                if (next.Due > _now) _now = next.Due;
                next.Reschedule(_now);
            }
            next.Fire();
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        if (AutoAdvance && dueTime != Timeout.InfiniteTimeSpan)
            ThreadPool.QueueUserWorkItem(_ => SetUtcNow(GetUtcNow() + dueTime));
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = clock._now + dueTime;
                clock._timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero) ThreadPool.QueueUserWorkItem(_ => clock.SetUtcNow(clock.GetUtcNow()));
            return true;
        }

        // Called under the clock's lock when the timer fires: periodic timers come back, one-shots leave.
        public void Reschedule(DateTimeOffset now)
        {
            clock._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                Due = now + _period;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
