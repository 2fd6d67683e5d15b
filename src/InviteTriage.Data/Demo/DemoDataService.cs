using InviteTriage.Data.Imports;
using InviteTriage.Ingest;

namespace InviteTriage.Data.Demo;

/// <summary>
/// Fills a member's inbox with a generated fictional one. It goes through the real import, so the demo is
/// deduplicated, recorded as an import batch, and detected exactly like the member's own data.
/// </summary>
public sealed class DemoDataService(ImportService imports, TimeProvider time)
{
    public Task<ImportSummary> LoadAsync(string ownerId, string actor, CancellationToken cancellationToken)
    {
        var plan = DemoInbox.Generate(DemoInbox.SeedFor(ownerId), time.GetUtcNow());

        // The drafts are already in memory, so reading them has nothing to cancel; the import checks the token as it writes.
        var source = new ImportSource(DemoInbox.SourceName, _ => plan.Drafts.Select(IngestItem (draft) => new IngestDraft(draft)).ToAsyncEnumerable());
        return imports.ImportAsync(ownerId, actor, DemoInbox.SourceName, [source], progress: null, cancellationToken);
    }
}
