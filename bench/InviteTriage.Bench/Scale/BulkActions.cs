using System.Diagnostics;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data;
using InviteTriage.Data.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// A decision on a large selection through <see cref="TriageService.ActOnInvitationsAsync(string, string, IReadOnlyCollection{long}, TriageAction, CancellationToken)"/>,
/// as the inbox's "select all" and <c>POST /api/invitations/actions</c> make it: one UPDATE and the history of every
/// invitation touched. The same selection is archived and restored in turn, so every run changes all of it.
/// </summary>
internal static class BulkActions
{
    public static async Task<List<double>> MeasureAsync(BenchInstance instance, string owner, int selection, int runs, CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await instance.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Invitations
                .Where(i => i.OwnerId == owner && i.Status == InvitationStatus.Pending)
                .OrderByDescending(i => i.SentAt)
                .Select(i => i.Id)
                .Take(selection)
                .ToListAsync(cancellationToken);
        }

        var triage = instance.Services.GetRequiredService<TriageService>();
        var seconds = new List<double>(runs * 2);
        for (var i = 0; i < runs; i++)
        {
            foreach (var action in new[] { TriageAction.Archive, TriageAction.Restore })
            {
                var clock = Stopwatch.StartNew();
                var result = await triage.ActOnInvitationsAsync(owner, "bench", ids, action, cancellationToken);
                seconds.Add(clock.Elapsed.TotalSeconds);
                if (result.Outcome != TriageOutcome.Done || result.Changed != ids.Count)
                {
                    throw new InvalidOperationException($"The bulk {action} changed {result.Changed} of {ids.Count}: {result.Message}");
                }
            }
        }

        return seconds;
    }
}
