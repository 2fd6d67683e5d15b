namespace InviteTriage.Web.Api;

/// <summary>
/// A draft as <c>POST /api/invitations</c> takes it, for the OpenAPI document only: the import's JSON reader, not
/// model binding, reads the body, so that a bad element is rejected by its index while the others are added.
/// </summary>
internal sealed record ApiDraft
{
    public required string SenderName { get; init; }

    /// <summary>ISO 8601; without an offset it is UTC.</summary>
    public required DateTimeOffset SentAt { get; init; }

    public string? SenderHeadline { get; init; }
    public string? SenderCompany { get; init; }
    public string? SenderProfileUrl { get; init; }
    public string? Message { get; init; }

    /// <summary>Defaults to "linkedin".</summary>
    public string? Network { get; init; }

    public string? ExternalId { get; init; }
}
