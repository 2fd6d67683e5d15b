using InviteTriage.Core.History;

namespace InviteTriage.Data.History;

public sealed record HistoryFilter(FlagEventKind? Kind = null, DateTime? From = null, DateTime? To = null, string? Actor = null, int Page = 1, int PageSize = 100)
{
    public const int MaxPageSize = 1_000;

    /// <summary>Only events about a company: its flock's, that of an invitation it touched, or one its import brought ("contains", any case).</summary>
    public string? Company { get; init; }
}
