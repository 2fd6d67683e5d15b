using InviteTriage.Ingest;

namespace InviteTriage.Data.Demo;

/// <summary>A generated demo inbox: the drafts to import, and the stories they were built to tell.</summary>
internal sealed record DemoPlan(
    IReadOnlyList<InvitationDraft> Drafts,
    IReadOnlyList<DemoFlock> Flocks,
    IReadOnlyList<DemoNearMiss> NearMisses);
