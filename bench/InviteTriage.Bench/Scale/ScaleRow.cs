namespace InviteTriage.Bench.Scale;

/// <summary>One line of the scale table: what was measured, our figure, the yardstick's, their ratio, the target and whether it was met.</summary>
internal sealed record ScaleRow(string Measure, string Ours, string Reference, string Ratio, string Target, bool? Met)
{
    public string MetText => Met switch
    {
        true => "met",
        false => "**missed**",
        null => "",
    };

    public TargetCheck? Check => Met is { } met ? new TargetCheck($"{Measure}: {Target}", Ratio.Length > 0 ? $"{Ours}, {Ratio}" : Ours, met) : null;
}
