using CsCheck;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Core.Tests.Detection;

/// <summary>Generators for property tests: invitations bunched into a few busy days so that groups, candidates and flocks all occur.</summary>
internal static class DetectionGen
{
    public static readonly Gen<DetectionSettings> Settings =
        Gen.Select(Gen.OneOfConst(6.0, 24.0), Gen.OneOfConst(24.0, 72.0), Gen.Int[2, 4], Gen.OneOfConst(1e-4, 1e-2, 0.5))
            .Select((gap, span, minSenders, alpha) => DetectionSettings.Default with
            {
                GapHours = gap,
                SpanHours = span,
                MinSenders = minSenders,
                Alpha = alpha,
            });

    public static readonly Gen<DetectionInvitation[]> Recipient =
        Invitations(Gen.OneOfConst<string?>("blumshapiro", "blumshapiro", "acme", "pellmorerusk", null));

    public static Gen<DetectionInvitation[]> Stream(string companyKey) => Invitations(Gen.Const<string?>(companyKey));

    private static Gen<DetectionInvitation[]> Invitations(Gen<string?> companies)
    {
        var day = Gen.Frequency((3, Gen.Int[0, 3]), (1, Gen.Int[0, 120]));
        var dismissed = Gen.Frequency((4, Gen.Const(Array.Empty<int>())), (1, Gen.Int[1, 3].Array[1, 2]));
        var row = Gen.Select(companies, Gen.Int[0, 5], day, Gen.Int[0, 600], Gen.Bool, dismissed, Gen.Int[0, 3]);
        return row.Array[0, 40].Select(rows => rows
            .Select((r, index) => new DetectionInvitation(
                index + 1,
                r.Item1,
                $"https://www.linkedin.com/in/sender-{r.Item2}",
                TestInvitations.Monday.AddDays(r.Item3).AddMinutes(r.Item4),
                r.Item5 ? MessageClass.Generic : MessageClass.Personal)
            {
                SenderName = $"Sender {r.Item2}",
                Company = r.Item1,
                DismissedFlockIds = [.. r.Item6.Distinct().Select(id => (long)id)],
                IsRepeatInvite = r.Item7 == 3,
                OtherMembersInvitedBySender = r.Item7,
            })
            .ToArray());
    }
}
