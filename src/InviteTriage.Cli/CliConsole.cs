namespace InviteTriage.Cli;

/// <summary>Where a command writes: results on Out (so they can be piped), everything else on Error.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error);
