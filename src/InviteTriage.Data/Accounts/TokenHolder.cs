namespace InviteTriage.Data.Accounts;

/// <summary>Who an API token acts for: the owner of the data, and the e-mail that history records as the actor.</summary>
public sealed record TokenHolder(string OwnerId, string? Email);
