namespace InviteTriage.Core.Companies;

/// <summary>One company of a user's invitations: its key, a name it was written as, and how many invitations it has.</summary>
public sealed record CompanyCount(string Key, string Name, int Invitations);
