namespace InviteTriage.Bench;

/// <summary>What a measure prints (Markdown, ready for docs/performance.md) and the targets it checked.</summary>
internal sealed record MeasureReport(string Markdown, IReadOnlyList<TargetCheck> Targets)
{
    public bool Missed => Targets.Any(t => !t.Met);
}
