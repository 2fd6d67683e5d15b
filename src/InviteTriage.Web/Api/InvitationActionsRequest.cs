namespace InviteTriage.Web.Api;

/// <summary>The body of <c>POST /api/invitations/actions</c>.</summary>
internal sealed record InvitationActionsRequest(IReadOnlyList<long>? Ids, string? Action);
