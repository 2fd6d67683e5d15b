using System.Diagnostics;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Invitations;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// Pages of the inbox through <see cref="InvitationQueries.ListAsync(string, InvitationFilter, CancellationToken)"/>:
/// 50 rows, a filter, an order, and the total counted, as the API's <c>GET /api/invitations</c> asks for them.
/// </summary>
internal static class InboxPages
{
    private const int WarmUp = 2;

    /// <summary>The inbox's usual views, and the company filter, which matches the company keys the name begins.</summary>
    public static IReadOnlyList<(string Name, InvitationFilter Filter)> Views(string company) =>
    [
        ("pending, newest first, page 1", new InvitationFilter(Status: InvitationStatus.Pending)),
        ("all, by sender, page 200", new InvitationFilter(Page: 200) { Sort = InvitationSort.Sender, Descending = false }),
        ("flocked (pending in a flock), newest first", new InvitationFilter(Status: InvitationStatus.Pending) { InFlock = true }),
        ($"company \"{company}\" (its key and longer ones), newest first", new InvitationFilter(Company: company)),
    ];

    /// <summary>The median time of <paramref name="runs"/> queries of each view, in milliseconds.</summary>
    public static async Task<List<(string Name, double MedianMs, int Total)>> MeasureAsync(
        BenchInstance instance, string owner, string company, int runs, CancellationToken cancellationToken)
    {
        var queries = instance.Services.GetRequiredService<InvitationQueries>();
        var results = new List<(string, double, int)>();
        foreach (var (name, filter) in Views(company))
        {
            var times = new List<double>(runs);
            var total = 0;
            for (var i = 0; i < WarmUp + runs; i++)
            {
                var clock = Stopwatch.StartNew();
                var page = await queries.ListAsync(owner, filter, cancellationToken);
                if (i >= WarmUp)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                total = page.Total;
            }

            results.Add((name, Timings.Median(times), total));
        }

        return results;
    }
}
