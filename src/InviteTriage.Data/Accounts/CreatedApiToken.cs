using InviteTriage.Core.Accounts;

namespace InviteTriage.Data.Accounts;

/// <summary>A new token with its plain text, which exists only here and is shown to the user once.</summary>
public sealed record CreatedApiToken(ApiToken Token, string PlainText);
