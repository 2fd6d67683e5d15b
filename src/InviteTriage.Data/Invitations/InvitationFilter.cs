using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Invitations;

public sealed record InvitationFilter(
    InvitationStatus? Status = null,
    long? FlockId = null,
    string? Company = null,
    string? Search = null,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;
}
