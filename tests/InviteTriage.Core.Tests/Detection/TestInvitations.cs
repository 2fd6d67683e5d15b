using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Core.Tests.Detection;

/// <summary>Short ways to write the invitations of a scenario.</summary>
internal static class TestInvitations
{
    public static readonly DateTime Monday = new(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime At(int day, int hour, int minute = 0) => Monday.AddDays(day).AddHours(hour).AddMinutes(minute);

    public static DetectionInvitation Invite(
        long id,
        string sender,
        DateTime sentAt,
        string companyKey = "blumshapiro",
        MessageClass messageClass = MessageClass.Generic) =>
        new(id, companyKey, "https://www.linkedin.com/in/" + sender.ToLowerInvariant(), sentAt, messageClass)
        {
            SenderName = sender,
            Company = companyKey == "blumshapiro" ? "Blum Shapiro" : companyKey,
        };
}
