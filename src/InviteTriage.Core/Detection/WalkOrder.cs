namespace InviteTriage.Core.Detection;

/// <summary>The walk's order: by sentAt, then by id, so that ties never depend on the order of arrival.</summary>
internal sealed class WalkOrder : IComparer<DetectionInvitation>
{
    public static WalkOrder Instance { get; } = new();

    public int Compare(DetectionInvitation? x, DetectionInvitation? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var bySentAt = x.SentAt.CompareTo(y.SentAt);
        return bySentAt != 0 ? bySentAt : x.Id.CompareTo(y.Id);
    }
}
