namespace InviteTriage.Web.Api;

/// <summary>The body of <c>POST /api/flocks/{id}/actions</c>; the action is a string so that a bad one is named, not a binding failure.</summary>
internal sealed record ActionRequest(string? Action);
