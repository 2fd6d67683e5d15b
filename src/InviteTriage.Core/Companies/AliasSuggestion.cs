namespace InviteTriage.Core.Companies;

/// <summary>Two of the user's companies that look like one; <see cref="Alias"/> would be merged into <see cref="Canonical"/>.</summary>
public sealed record AliasSuggestion(CompanyCount Alias, CompanyCount Canonical, double Similarity, string Why);
