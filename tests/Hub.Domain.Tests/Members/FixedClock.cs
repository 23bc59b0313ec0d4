namespace Hub.Domain.Tests.Members;

/// <summary>A clock standing still at one instant: the input to the code under test, not a fake of it.</summary>
internal sealed class FixedClock(DateTimeOffset utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow.ToUniversalTime();
}
