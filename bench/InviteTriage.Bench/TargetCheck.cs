namespace InviteTriage.Bench;

/// <summary>One target of an issue and whether this run met it, e.g. "ratio ≤ 3×: 2.4×".</summary>
internal sealed record TargetCheck(string Target, string Measured, bool Met)
{
    public override string ToString() => $"{(Met ? "met" : "MISSED")}: {Target} (measured {Measured})";
}
