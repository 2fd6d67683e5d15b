namespace InviteTriage.Core.Imports;

/// <summary>
/// An invitation that an import merged into rather than added: what it was before, so that undoing the import
/// restores it. <see cref="Before"/> holds the merged fields as JSON.
/// </summary>
public sealed class ImportMerge
{
    public long Id { get; set; }
    public long ImportBatchId { get; set; }
    public long InvitationId { get; set; }
    public required string Before { get; set; }
}
