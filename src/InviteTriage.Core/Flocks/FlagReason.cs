namespace InviteTriage.Core.Flocks;

/// <summary>One scoring rule that fired, rendered like a spam filter: <c>FLOCK_COMPANY (+3.0) detail</c>.</summary>
public sealed record FlagReason(string Rule, double Score, string Detail)
{
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rule} ({Score:+0.0;-0.0;0.0}) {Detail}");
}
