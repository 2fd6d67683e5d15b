namespace InviteTriage.Data.Tests.Demo;

/// <summary>A clock stopped at one instant, so that "yesterday" is a known day.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
