namespace InviteTriage.Core.Companies;

/// <summary>
/// The user's word that two company keys are one company, such as "Acme Intl" and "Acme": invitations of
/// <see cref="AliasKey"/> are grouped, scored and shown under <see cref="CanonicalKey"/>. Aliases are flat: a
/// canonical key is never itself an alias, so one lookup resolves any key.
/// </summary>
public sealed class CompanyAlias
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string AliasKey { get; set; }

    /// <summary>The alias as the user named it, for display; the key is what detection uses.</summary>
    public required string AliasName { get; set; }

    public required string CanonicalKey { get; set; }
    public required string CanonicalName { get; set; }
    public DateTime CreatedAt { get; set; }
}
