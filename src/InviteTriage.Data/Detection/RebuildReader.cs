using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Reads a user's invitations for a rebuild, block by block (<see cref="DetectionLoader.NextCompaniesAsync"/>), one
/// block ahead of the rebuild and on a connection of its own. Reading is half of a rebuild and detecting the other
/// half; with the two on different cores a rebuild takes about as long as the read alone.
/// </summary>
/// <remarks>
/// Only for a rebuild in a transaction of its own: it holds the write lock throughout, so nothing else changes the
/// invitations while this reads what is committed, and it changes only the invitations' current flock, and only those
/// of the block it is writing, which this has read already. A rebuild inside an import's transaction must read the
/// import's own rows, which are not committed yet, so it reads in its transaction instead.
/// </remarks>
internal sealed class RebuildReader : IAsyncDisposable
{
    // One block waits while the rebuild works on another and the next is read: at most three blocks in memory.
    private readonly Channel<List<DetectionRow>> _blocks = Channel.CreateBounded<List<DetectionRow>>(1);
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    private RebuildReader(IDbContextFactory<TriageDbContext> dbFactory, string ownerId, int blockRows, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reading = Task.Run(() => ReadAsync(dbFactory, ownerId, blockRows, _stop.Token), CancellationToken.None);
    }

    public static RebuildReader Start(IDbContextFactory<TriageDbContext> dbFactory, string ownerId, int blockRows, CancellationToken cancellationToken) =>
        new(dbFactory, ownerId, blockRows, cancellationToken);

    /// <summary>The blocks in company order; a failure to read ends them with its exception.</summary>
    public IAsyncEnumerable<List<DetectionRow>> Blocks(CancellationToken cancellationToken) => _blocks.Reader.ReadAllAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The rebuild may end before the last block, by failure or cancellation, and it reports why.
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }

    private async Task ReadAsync(IDbContextFactory<TriageDbContext> dbFactory, string ownerId, int blockRows, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await foreach (var rows in new DetectionLoader(db, ownerId).CompanyBlocksAsync(blockRows, cancellationToken))
            {
                await _blocks.Writer.WriteAsync(rows, cancellationToken);
            }

            _blocks.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // The rebuild meets it at its next block.
            _blocks.Writer.TryComplete(ex);
        }
    }
}
