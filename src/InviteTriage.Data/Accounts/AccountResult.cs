namespace InviteTriage.Data.Accounts;

public sealed record AccountResult(TriageUser? User, bool IsAdmin, IReadOnlyList<string> Errors)
{
    public bool Success => User is not null;

    public static AccountResult Succeeded(TriageUser user, bool isAdmin) => new(user, isAdmin, []);

    public static AccountResult Failed(IEnumerable<string> errors) => new(null, false, [.. errors]);

    public static AccountResult Failed(string error) => new(null, false, [error]);
}
