namespace InviteTriage.Data.Invitations;

/// <summary>
/// Reads the pages of one inbox view, with its tab counts. The counts are read with the first page, after a filter
/// changes and after <see cref="Recount"/>; later pages and other orders reuse them, and the current tab's count is
/// the page's total, so a million rows are not counted again for every page.
/// </summary>
public sealed class InboxPager(InvitationQueries queries, string ownerId)
{
    private InvitationFilter? _counted;

    /// <summary>The tab counts as last read; null before the first page.</summary>
    public InboxCounts? Counts { get; private set; }

    /// <summary>Invitations changed (a decision, a correction): the next page reads the counts again.</summary>
    public void Recount() => _counted = null;

    public async Task<Page<InvitationView>> PageAsync(InvitationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // The counts span every tab and do not depend on the page or the order, only on the other filters.
        var counted = filter with { Status = null, InFlock = false, Page = 1, Sort = InvitationSort.Sent, Descending = true };
        if (Counts is null || counted != _counted || filter.Page == 1)
        {
            Counts = await queries.CountAsync(ownerId, counted, cancellationToken);
            _counted = counted;
        }

        return await queries.ListAsync(ownerId, filter, Counts.Of(filter), cancellationToken);
    }
}
