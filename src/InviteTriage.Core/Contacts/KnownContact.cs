namespace InviteTriage.Core.Contacts;

/// <summary>A person the user is already connected with (Connections.csv); their company is a known company.</summary>
public sealed class KnownContact
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public string? ProfileUrl { get; set; }
    public string? Company { get; set; }
    public string? CompanyKey { get; set; }
    public string? Position { get; set; }
    public DateTime? ConnectedOn { get; set; }
    public long? ImportBatchId { get; set; }
}
