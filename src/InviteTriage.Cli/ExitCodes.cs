namespace InviteTriage.Cli;

/// <summary>The exit codes of DESIGN.md, which scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input was partly rejected; each rejection is on stderr as <c>file:line: reason</c>.</summary>
    public const int PartlyRejected = 1;

    /// <summary>A usage or fatal error; nothing was changed.</summary>
    public const int Failed = 2;
}
