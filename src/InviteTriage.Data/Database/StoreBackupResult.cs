namespace InviteTriage.Data.Database;

/// <summary>Where a backup went and what it holds, or why none was made (<see cref="Error"/>).</summary>
public sealed record StoreBackupResult(string Path, long Bytes, int Members, int Invitations, string? Error)
{
    public static StoreBackupResult Refused(string error) => new("", 0, 0, 0, error);
}
