using InviteTriage.Core.History;

namespace InviteTriage.Data.History;

public sealed record HistoryFilter(FlagEventKind? Kind = null, DateTime? From = null, DateTime? To = null, string? Actor = null, int Page = 1, int PageSize = 100)
{
    public const int MaxPageSize = 1_000;
}
