namespace InviteTriage.Cli;

/// <summary>
/// Where a command writes: results on Out (so they can be piped), everything else on Error.
/// <see cref="ErrorIsTerminal"/> says whether Error is a terminal, where progress may redraw itself in place.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal = false);
