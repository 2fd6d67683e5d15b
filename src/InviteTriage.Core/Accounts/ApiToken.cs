namespace InviteTriage.Core.Accounts;

/// <summary>A personal access token for the API. Only its SHA-256 hash is stored; the token is shown once.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, so the user can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
