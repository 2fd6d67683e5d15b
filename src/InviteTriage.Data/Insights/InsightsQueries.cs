using InviteTriage.Core.Flocks;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Insights;

/// <summary>
/// The insights page's numbers. Each query reads one owner's rows through an index that starts with the owner; the
/// time series cover a fixed window ending at the user's newest invitation, so an old export still shows its weeks.
/// </summary>
public sealed class InsightsQueries(IDbContextFactory<TriageDbContext> dbFactory)
{
    public const int WeeksShown = 26;
    public const int MonthsShown = 12;
    public const int CompaniesShown = 10;

    public async Task<InsightsView> GetAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var newest = await db.Invitations.Where(i => i.OwnerId == ownerId).MaxAsync(i => (DateTime?)i.SentAt, cancellationToken);
        if (newest is not { } last)
        {
            return new InsightsView([], [], [], []);
        }

        var lastMonday = MondayOf(DateOnly.FromDateTime(last));
        var firstMonday = lastMonday.AddDays(-7 * (WeeksShown - 1));
        var from = firstMonday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var sent = await db.Invitations.Where(i => i.OwnerId == ownerId && i.SentAt >= from)
            .Select(i => new { i.SentAt, Flocked = i.FlockId != null })
            .ToListAsync(cancellationToken);
        var byWeek = sent.GroupBy(i => MondayOf(DateOnly.FromDateTime(i.SentAt))).ToDictionary(g => g.Key, g => (g.Count(), g.Count(i => i.Flocked)));
        var weeks = Enumerable.Range(0, WeeksShown)
            .Select(w => firstMonday.AddDays(7 * w))
            .Select(monday => byWeek.TryGetValue(monday, out var c) ? new WeekCount(monday, c.Item1, c.Item2) : new WeekCount(monday, 0, 0))
            .ToList();

        var flocks = db.Flocks.Where(f => f.OwnerId == ownerId && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved));
        var top = await flocks.GroupBy(f => f.CompanyKey)
            .Select(g => new { Flocks = g.Count(), Senders = g.Sum(f => f.SenderCount), Company = g.Max(f => f.Company)! })
            .OrderByDescending(g => g.Flocks).ThenByDescending(g => g.Senders).ThenBy(g => g.Company)
            .Take(CompaniesShown)
            .ToListAsync(cancellationToken);

        var decisions = await db.Invitations.Where(i => i.OwnerId == ownerId)
            .GroupBy(i => i.Status)
            .Select(g => new StatusCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);

        var lastMonth = new DateOnly(last.Year, last.Month, 1);
        var firstMonth = lastMonth.AddMonths(-(MonthsShown - 1));
        var monthFrom = firstMonth.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var recent = await flocks.Where(f => f.FirstSentAt >= monthFrom).Select(f => new { f.FirstSentAt, f.Severity }).ToListAsync(cancellationToken);
        var months = Enumerable.Range(0, MonthsShown)
            .Select(m => firstMonth.AddMonths(m))
            .Select(month => new MonthSeverity(
                month,
                recent.Count(f => f.FirstSentAt.Year == month.Year && f.FirstSentAt.Month == month.Month && f.Severity == FlockSeverity.Likely),
                recent.Count(f => f.FirstSentAt.Year == month.Year && f.FirstSentAt.Month == month.Month && f.Severity == FlockSeverity.Review)))
            .ToList();

        return new InsightsView(weeks, [.. top.Select(t => new CompanyFlocks(t.Company, t.Flocks, t.Senders))], [.. decisions.OrderBy(d => d.Status)], months);
    }

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
