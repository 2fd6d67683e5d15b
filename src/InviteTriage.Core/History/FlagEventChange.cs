namespace InviteTriage.Core.History;

/// <summary>The before and after state of one invitation touched by a <see cref="FlagEvent"/>.</summary>
public sealed class FlagEventChange
{
    public long Id { get; set; }
    public long FlagEventId { get; set; }
    public long InvitationId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
