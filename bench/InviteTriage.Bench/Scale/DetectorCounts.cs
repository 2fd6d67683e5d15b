using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// What the app finds in a store, counted the way <see cref="WindowGrouping"/> counts: candidates from the app's own
/// walk (<see cref="FlockGrouper"/>) over every member's companies, and flocks as the live flocks the rebuild stored.
/// </summary>
internal static class DetectorCounts
{
    public static async Task<GroupCounts> CountAsync(BenchEngine engine, DatabaseLocation store, DetectionSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await engine.OpenAsync(store, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "OwnerId", "CompanyKey", "Id", "SenderKey", "SentAt"
            FROM "Invitations"
            WHERE "CompanyKey" IS NOT NULL
            ORDER BY "OwnerId", "CompanyKey", "SentAt", "Id"
            """;
        long candidates = 0;
        var company = new List<DetectionInvitation>();
        string? owner = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (rowOwner, companyKey) = (reader.GetString(0), reader.GetString(1));
                if (company.Count > 0 && (rowOwner != owner || companyKey != company[0].CompanyKey))
                {
                    candidates += Candidates(company, settings);
                    company.Clear();
                }

                owner = rowOwner;
                company.Add(new DetectionInvitation(reader.GetInt64(2), companyKey, reader.GetString(3), reader.GetDateTime(4), MessageClass.Generic));
            }
        }

        candidates += Candidates(company, settings);

        await using var flocks = connection.CreateCommand();
        flocks.CommandText = """SELECT count(*) FROM "Flocks" WHERE "Status" IN (@open, @resolved)""";
        BenchEngine.Bind(flocks, "@open", (int)FlockStatus.Open);
        BenchEngine.Bind(flocks, "@resolved", (int)FlockStatus.Resolved);
        return new GroupCounts(candidates, (long)(await flocks.ExecuteScalarAsync(cancellationToken))!);
    }

    private static int Candidates(List<DetectionInvitation> company, DetectionSettings settings) =>
        company.Count < settings.MinSenders ? 0 : FlockGrouper.Group(company, settings).Count(g => g.IsCandidate(settings));
}
