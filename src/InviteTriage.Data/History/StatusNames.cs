using InviteTriage.Core.Invitations;
using InviteTriage.Core.Text;

namespace InviteTriage.Data.History;

/// <summary>How statuses are written in history: the same outside names as the API and the CLI.</summary>
internal static class StatusNames
{
    /// <summary>A SQL expression naming the status column's value, for history rows written in one statement.</summary>
    public static string SqlCase(string column) =>
        "CASE " + column + " "
        + string.Concat(Enum.GetValues<InvitationStatus>().Select(s => $"WHEN {(int)s} THEN '{KebabName.Of(s)}' "))
        + "END";

    public static string Of(InvitationStatus status) => KebabName.Of(status);

    public static InvitationStatus? Parse(string? name) =>
        KebabName.TryParse<InvitationStatus>(name, out var status) ? status : null;
}
