namespace InviteTriage.Data.Insights;

/// <summary>A company's open and resolved flocks, and how many senders they hold.</summary>
public sealed record CompanyFlocks(string Company, int Flocks, int Senders);
