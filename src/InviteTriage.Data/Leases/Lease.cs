namespace InviteTriage.Data.Leases;

/// <summary>
/// A named piece of work that one process at a time may do, such as the background mailbox sync when several web
/// instances share the store: <see cref="Holder"/> has it until <see cref="ExpiresAt"/> (UTC), unless it renews it.
/// </summary>
public sealed class Lease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
