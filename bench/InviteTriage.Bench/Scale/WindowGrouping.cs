namespace InviteTriage.Bench.Scale;

/// <summary>
/// DETECTION.md's grouping and surprise test as one SQL query over the whole store, for SQLite and for PostgreSQL: the
/// yardstick the rebuild must beat by 3×. It returns how many candidates (groups with at least N distinct senders) and flocks it finds, so that
/// the harness can check it finds what the app finds.
/// </summary>
/// <remarks>
/// Window functions do what they can: the chain breaks (a gap over H) are gaps and islands, <c>LAG</c> and a running
/// <c>SUM</c>; the baseline B of every invitation is two <c>COUNT(*) OVER (… RANGE …)</c> frames, 90 days before it and
/// 90 days after it. The span cut cannot be a window: where a group ends depends on where it began, so an island
/// longer than S is cut by a recursive CTE that jumps from each group's first invitation to the first one more than S
/// later, through the store's (OwnerId, CompanyKey, SentAt) index. The Poisson tail is 1 − Σ over k &lt; n of the
/// terms, with ln k! from another recursive CTE. Times are whole seconds (<c>unixepoch</c>, <c>extract(epoch …)</c>), as
/// the generated data is.
/// Parameters: <c>@gap</c> and <c>@span</c> in seconds, <c>@minSenders</c>, <c>@alpha</c>; every member has the
/// default settings, as the generated instance does.
/// <para>
/// The PostgreSQL query is the SQLite one, clause for clause, in its dialect: <c>greatest</c> and <c>least</c> for the
/// scalar <c>max</c> and <c>min</c>, days cut in UTC, <c>FILTER</c> for the sum of a comparison, and every number of
/// the surprise test a <c>double precision</c>, as SQLite's REAL and the app's <c>double</c> are. SQLite's <c>exp</c>
/// gives 0 where a term underflows, where PostgreSQL's raises an error, so such terms are 0 by a <c>CASE</c>.
/// </para>
/// </remarks>
internal static class WindowGrouping
{
    public const string Sqlite = """
        WITH RECURSIVE
        walked AS (
            SELECT o, c, id, s, t,
                LAG(t) OVER byWalk AS previousT,
                COUNT(*) OVER (PARTITION BY o, c ORDER BY t RANGE BETWEEN 7776000 PRECEDING AND 1 PRECEDING) AS before,
                COUNT(*) OVER (PARTITION BY o, c ORDER BY t RANGE BETWEEN 1 FOLLOWING AND 7776000 FOLLOWING) AS after
            FROM (
                SELECT "OwnerId" AS o, "CompanyKey" AS c, "Id" AS id, "SenderKey" AS s, unixepoch("SentAt") AS t
                FROM "Invitations"
                WHERE "CompanyKey" IS NOT NULL)
            WINDOW byWalk AS (PARTITION BY o, c ORDER BY t, id)
        ),
        islands AS (
            SELECT o, c, MIN(t) AS firstT, MAX(t) AS lastT
            FROM (
                SELECT o, c, t,
                    SUM(CASE WHEN t - previousT <= @gap THEN 0 ELSE 1 END) OVER (PARTITION BY o, c ORDER BY t, id ROWS UNBOUNDED PRECEDING) AS island
                FROM walked)
            GROUP BY o, c, island
        ),
        cuts(o, c, lastT, t) AS (
            SELECT o, c, lastT, firstT FROM islands WHERE lastT - firstT > @span
            UNION ALL
            SELECT o, c, lastT, (
                SELECT unixepoch(MIN(i."SentAt")) FROM "Invitations" AS i
                WHERE i."OwnerId" = cuts.o AND i."CompanyKey" = cuts.c
                    AND i."SentAt" > datetime(cuts.t + @span, 'unixepoch') AND i."SentAt" <= datetime(cuts.lastT, 'unixepoch'))
            FROM cuts
            WHERE cuts.t IS NOT NULL
        ),
        grouped AS (
            SELECT o, c, s, t, before, after, startsGroup,
                SUM(startsGroup) OVER byWalk AS grp,
                COALESCE(LEAD(startsGroup) OVER byWalk, 1) AS endsGroup
            FROM (
                SELECT w.o, w.c, w.id, w.s, w.t, w.before, w.after,
                    CASE WHEN w.t - w.previousT <= @gap AND NOT (cut.t IS NOT NULL AND w.t > w.previousT) THEN 0 ELSE 1 END AS startsGroup
                FROM walked AS w
                LEFT JOIN (SELECT DISTINCT o, c, t FROM cuts WHERE t IS NOT NULL) AS cut ON cut.o = w.o AND cut.c = w.c AND cut.t = w.t)
            WINDOW byWalk AS (PARTITION BY o, c ORDER BY t, id ROWS UNBOUNDED PRECEDING)
        ),
        candidates AS (
            SELECT o, MIN(t) AS firstT, MAX(t) AS lastT, COUNT(DISTINCT s) AS n,
                MAX(CASE WHEN startsGroup = 1 THEN before END) + MAX(CASE WHEN endsGroup = 1 THEN after END) AS baseline
            FROM grouped
            GROUP BY o, c, grp
            HAVING COUNT(*) >= @minSenders AND COUNT(DISTINCT s) >= @minSenders
        ),
        coverage AS (
            SELECT "OwnerId" AS o, unixepoch(MIN("SentAt"), 'start of day') AS fromT, unixepoch(MAX("SentAt"), 'start of day', '+1 day') AS toT
            FROM "Invitations"
            GROUP BY "OwnerId"
        ),
        tested AS (
            SELECT k.n,
                (k.baseline + 0.1)
                    / max(168.0, (max(0, min(k.firstT, v.toT) - max(k.firstT - 7776000, v.fromT))
                        + max(0, min(k.lastT + 7776000, v.toT) - max(k.lastT, v.fromT))) / 3600.0)
                    * max((k.lastT - k.firstT) / 3600.0, @gap / 3600.0) AS mu
            FROM candidates AS k
            JOIN coverage AS v ON v.o = k.o
        ),
        logFactorials(k, value) AS (
            SELECT 0, 0.0
            UNION ALL
            SELECT k + 1, value + ln(k + 1) FROM logFactorials WHERE k + 1 < (SELECT MAX(n) FROM candidates)
        )
        SELECT COUNT(*), COALESCE(SUM(p <= @alpha), 0)
        FROM (
            SELECT 1.0 - (SELECT SUM(exp(f.k * ln(t.mu) - t.mu - f.value)) FROM logFactorials AS f WHERE f.k < t.n) AS p
            FROM tested AS t)
        """;

    public const string Postgres = """
        WITH RECURSIVE
        walked AS (
            SELECT o, c, id, s, t,
                LAG(t) OVER byWalk AS previousT,
                COUNT(*) OVER (PARTITION BY o, c ORDER BY t RANGE BETWEEN 7776000 PRECEDING AND 1 PRECEDING) AS before,
                COUNT(*) OVER (PARTITION BY o, c ORDER BY t RANGE BETWEEN 1 FOLLOWING AND 7776000 FOLLOWING) AS after
            FROM (
                SELECT "OwnerId" AS o, "CompanyKey" AS c, "Id" AS id, "SenderKey" AS s, floor(extract(epoch FROM "SentAt"))::bigint AS t
                FROM "Invitations"
                WHERE "CompanyKey" IS NOT NULL) AS invitations
            WINDOW byWalk AS (PARTITION BY o, c ORDER BY t, id)
        ),
        islands AS (
            SELECT o, c, MIN(t) AS firstT, MAX(t) AS lastT
            FROM (
                SELECT o, c, t,
                    SUM(CASE WHEN t - previousT <= @gap THEN 0 ELSE 1 END) OVER (PARTITION BY o, c ORDER BY t, id ROWS UNBOUNDED PRECEDING) AS island
                FROM walked) AS breaks
            GROUP BY o, c, island
        ),
        cuts(o, c, lastT, t) AS (
            SELECT o, c, lastT, firstT FROM islands WHERE lastT - firstT > @span
            UNION ALL
            SELECT o, c, lastT, (
                SELECT floor(extract(epoch FROM MIN(i."SentAt")))::bigint FROM "Invitations" AS i
                WHERE i."OwnerId" = cuts.o AND i."CompanyKey" = cuts.c
                    AND i."SentAt" > to_timestamp(cuts.t + @span) AND i."SentAt" <= to_timestamp(cuts.lastT))
            FROM cuts
            WHERE cuts.t IS NOT NULL
        ),
        grouped AS (
            SELECT o, c, s, t, before, after, startsGroup,
                SUM(startsGroup) OVER byWalk AS grp,
                COALESCE(LEAD(startsGroup) OVER byWalk, 1) AS endsGroup
            FROM (
                SELECT w.o, w.c, w.id, w.s, w.t, w.before, w.after,
                    CASE WHEN w.t - w.previousT <= @gap AND NOT (cut.t IS NOT NULL AND w.t > w.previousT) THEN 0 ELSE 1 END AS startsGroup
                FROM walked AS w
                LEFT JOIN (SELECT DISTINCT o, c, t FROM cuts WHERE t IS NOT NULL) AS cut ON cut.o = w.o AND cut.c = w.c AND cut.t = w.t) AS starts
            WINDOW byWalk AS (PARTITION BY o, c ORDER BY t, id ROWS UNBOUNDED PRECEDING)
        ),
        candidates AS (
            SELECT o, MIN(t) AS firstT, MAX(t) AS lastT, COUNT(DISTINCT s) AS n,
                MAX(CASE WHEN startsGroup = 1 THEN before END) + MAX(CASE WHEN endsGroup = 1 THEN after END) AS baseline
            FROM grouped
            GROUP BY o, c, grp
            HAVING COUNT(*) >= @minSenders AND COUNT(DISTINCT s) >= @minSenders
        ),
        coverage AS (
            SELECT "OwnerId" AS o,
                extract(epoch FROM date_trunc('day', MIN("SentAt"), 'UTC'))::bigint AS fromT,
                extract(epoch FROM date_trunc('day', MAX("SentAt"), 'UTC') + interval '1 day')::bigint AS toT
            FROM "Invitations"
            GROUP BY "OwnerId"
        ),
        tested AS (
            SELECT k.n,
                (k.baseline + 0.1::float8)
                    / greatest(168.0::float8, (greatest(0, least(k.firstT, v.toT) - greatest(k.firstT - 7776000, v.fromT))
                        + greatest(0, least(k.lastT + 7776000, v.toT) - greatest(k.lastT, v.fromT))) / 3600.0::float8)
                    * greatest((k.lastT - k.firstT) / 3600.0::float8, @gap / 3600.0::float8) AS mu
            FROM candidates AS k
            JOIN coverage AS v ON v.o = k.o
        ),
        logFactorials(k, value) AS (
            SELECT 0, 0.0::float8
            UNION ALL
            SELECT k + 1, value + ln((k + 1)::float8) FROM logFactorials WHERE k + 1 < (SELECT MAX(n) FROM candidates)
        )
        SELECT COUNT(*), COUNT(*) FILTER (WHERE p <= @alpha)
        FROM (
            SELECT 1.0::float8 - (
                SELECT SUM(CASE WHEN term < -700 THEN 0.0::float8 ELSE exp(term) END)
                FROM (SELECT f.k * ln(t.mu) - t.mu - f.value AS term FROM logFactorials AS f WHERE f.k < t.n) AS terms) AS p
            FROM tested AS t) AS tail
        """;
}
