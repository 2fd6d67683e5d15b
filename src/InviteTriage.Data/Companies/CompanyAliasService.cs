using InviteTriage.Core.Companies;
using InviteTriage.Core.Detection;
using InviteTriage.Core.History;
using InviteTriage.Data.Database;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Companies;

/// <summary>
/// Company aliases (DETECTION.md): the user merges one company key into another, and from then on the two are one
/// company for grouping, scoring and the user's company lists. Applying one moves the stored invitations and known
/// contacts in one set-based statement each and re-detects, all in one transaction; imports and "set company" map
/// new keys through <see cref="MapAsync"/>. Similarity only suggests; nothing is merged until the user says so.
/// </summary>
public sealed class CompanyAliasService(IDbContextFactory<TriageDbContext> dbFactory, FlockDetectionService detection, TimeProvider time)
{
    /// <summary>The busiest companies compared for suggestions: all pairs of them, which stays quick at any store size.</summary>
    public const int SuggestionPool = 500;

    public const int MaxSuggestions = 20;

    public const int MaxAliases = 1000;

    /// <summary>The user's aliases as a lookup, read inside the caller's unit of work.</summary>
    internal static async Task<CompanyAliasMap> MapAsync(TriageDbContext db, string ownerId, CancellationToken cancellationToken) =>
        new(await db.CompanyAliases.AsNoTracking().Where(a => a.OwnerId == ownerId).ToListAsync(cancellationToken));

    public async Task<IReadOnlyList<CompanyAlias>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CompanyAliases.AsNoTracking()
            .Where(a => a.OwnerId == ownerId)
            .OrderBy(a => a.CanonicalName).ThenBy(a => a.AliasName)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Pairs of the user's companies that look like one company, best first, for the user to apply or ignore.</summary>
    public async Task<IReadOnlyList<AliasSuggestion>> SuggestAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var companies = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.CompanyKey != null)
            .GroupBy(i => i.CompanyKey!)
            .Select(g => new { Key = g.Key, Name = g.Max(i => i.Company)!, Invitations = g.Count() })
            .OrderByDescending(c => c.Invitations).ThenBy(c => c.Key)
            .Take(SuggestionPool)
            .ToListAsync(cancellationToken);
        return CompanySimilarity.Suggest([.. companies.Select(c => new CompanyCount(c.Key, c.Name, c.Invitations))], MaxSuggestions);
    }

    /// <summary>Treats <paramref name="aliasName"/> as <paramref name="canonicalName"/> from now on, for stored and future invitations.</summary>
    public async Task<CompanyAliasResult> AddAsync(string ownerId, string actor, string? aliasName, string? canonicalName, CancellationToken cancellationToken)
    {
        if (Named("alias", aliasName) is { } aliasProblem)
        {
            return new(TriageResult.Invalid(aliasProblem));
        }

        if (Named("company", canonicalName) is { } canonicalProblem)
        {
            return new(TriageResult.Invalid(canonicalProblem));
        }

        var alias = aliasName!.Trim();
        var canonical = canonicalName!.Trim();
        var aliasKey = CompanyKey.Normalize(alias)!;
        var coverage = await detection.CoverageAsync(ownerId, cancellationToken);
        using var ownerLock = await FlockDetectionService.LockOwnerAsync(ownerId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var map = await MapAsync(db, ownerId, cancellationToken);
        var canonicalKey = map.Resolve(CompanyKey.Normalize(canonical))!;
        if (canonicalKey == aliasKey)
        {
            return new(TriageResult.Invalid($"'{alias}' and '{canonical}' are already one company."));
        }

        if (map.Resolve(aliasKey) != aliasKey)
        {
            var existing = await db.CompanyAliases.AsNoTracking().SingleAsync(a => a.OwnerId == ownerId && a.AliasKey == aliasKey, cancellationToken);
            return new(TriageResult.Invalid($"'{alias}' is already merged into '{existing.CanonicalName}'; remove that alias first."));
        }

        if (map.Count >= MaxAliases)
        {
            return new(TriageResult.Invalid($"At most {MaxAliases} aliases; remove one first."));
        }

        // A canonical name written as the user's own alias of it would show the alias; show the company it stands for.
        var canonicalShown = await db.CompanyAliases.AsNoTracking()
            .Where(a => a.OwnerId == ownerId && a.CanonicalKey == canonicalKey)
            .Select(a => a.CanonicalName)
            .FirstOrDefaultAsync(cancellationToken) ?? canonical;
        var now = time.GetUtcNow().UtcDateTime;
        var row = new CompanyAlias
        {
            OwnerId = ownerId, AliasKey = aliasKey, AliasName = alias, CanonicalKey = canonicalKey, CanonicalName = canonicalShown, CreatedAt = now,
        };
        db.CompanyAliases.Add(row);
        var flagEvent = new FlagEvent
        {
            OwnerId = ownerId,
            Kind = FlagEventKind.CompanyAliased,
            Actor = actor,
            OccurredAt = now,
            Summary = $"{alias} merged into {canonicalShown}",
        };
        db.FlagEvents.Add(flagEvent);
        await db.SaveChangesAsync(cancellationToken);

        // Aliases of the merged company follow it, so that the map stays one lookup deep.
        await db.CompanyAliases
            .Where(a => a.OwnerId == ownerId && a.CanonicalKey == aliasKey)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CanonicalKey, canonicalKey).SetProperty(a => a.CanonicalName, canonicalShown), cancellationToken);

        var moved = await db.Invitations
            .Where(i => i.OwnerId == ownerId && i.CompanyKey == aliasKey)
            .Select(i => new { i.Id, i.SentAt })
            .ToListAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "FlagEventChanges" ("FlagEventId", "InvitationId", "Before", "After")
            SELECT {flagEvent.Id}, "Id", {alias}, {canonicalShown} FROM "Invitations" WHERE "OwnerId" = {ownerId} AND "CompanyKey" = {aliasKey}
            """,
            cancellationToken);
        if (await MoveAsync(db, ownerId, only: null, aliasKey, canonicalKey, cancellationToken) is { } conflict)
        {
            return new(TriageResult.Invalid(conflict));
        }

        var contactsMoved = await db.KnownContacts
            .Where(c => c.OwnerId == ownerId && c.CompanyKey == aliasKey)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompanyKey, canonicalKey), cancellationToken);

        flagEvent.Summary = $"{alias} merged into {canonicalShown}: {moved.Count} invitation(s) moved";
        await db.SaveChangesAsync(cancellationToken);
        var peers = await DetectAsync(db, ownerId, moved.Select(m => m.SentAt), aliasKey, canonicalKey, contactsMoved > 0, coverage, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await detection.RescorePeersAsync(ownerId, peers, cancellationToken);
        return new(
            TriageResult.Done($"{alias} is now treated as {canonicalShown}: {moved.Count} invitation(s) moved and detection ran again.", flagEvent.Id, moved.Count),
            row.Id);
    }

    /// <summary>Ends an alias: the invitations whose own company is the alias go back to it, and detection runs again.</summary>
    public async Task<TriageResult> RemoveAsync(string ownerId, string actor, long aliasId, CancellationToken cancellationToken)
    {
        var coverage = await detection.CoverageAsync(ownerId, cancellationToken);
        using var ownerLock = await FlockDetectionService.LockOwnerAsync(ownerId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var alias = await db.CompanyAliases.SingleOrDefaultAsync(a => a.Id == aliasId && a.OwnerId == ownerId, cancellationToken);
        if (alias is null)
        {
            return TriageResult.NotFound($"There is no alias {aliasId} of yours.");
        }

        // The stored name still says which company an invitation was written as; its key tells whether it came through this alias.
        var underCanonical = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.CompanyKey == alias.CanonicalKey)
            .Select(i => new { i.Id, i.Company, i.SentAt })
            .ToListAsync(cancellationToken);
        var returning = underCanonical.Where(i => CompanyKey.Normalize(i.Company) == alias.AliasKey).ToList();
        var contacts = await db.KnownContacts
            .Where(c => c.OwnerId == ownerId && c.CompanyKey == alias.CanonicalKey)
            .Select(c => new { c.Id, c.Company })
            .ToListAsync(cancellationToken);
        var contactIds = contacts.Where(c => CompanyKey.Normalize(c.Company) == alias.AliasKey).Select(c => c.Id).ToList();

        db.CompanyAliases.Remove(alias);
        var flagEvent = new FlagEvent
        {
            OwnerId = ownerId,
            Kind = FlagEventKind.CompanyAliasRemoved,
            Actor = actor,
            OccurredAt = time.GetUtcNow().UtcDateTime,
            Summary = $"{alias.AliasName} no longer merged into {alias.CanonicalName}: {returning.Count} invitation(s) moved back",
            Changes = [.. returning.Select(i => new FlagEventChange { InvitationId = i.Id, Before = alias.CanonicalName, After = alias.AliasName })],
        };
        db.FlagEvents.Add(flagEvent);
        await db.SaveChangesAsync(cancellationToken);
        if (await MoveAsync(db, ownerId, [.. returning.Select(i => i.Id)], alias.CanonicalKey, alias.AliasKey, cancellationToken) is { } conflict)
        {
            return TriageResult.Invalid(conflict);
        }

        await db.KnownContacts
            .Where(c => c.OwnerId == ownerId && contactIds.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompanyKey, alias.AliasKey), cancellationToken);
        var peers = await DetectAsync(
            db, ownerId, returning.Select(i => i.SentAt), alias.AliasKey, alias.CanonicalKey, contactIds.Count > 0, coverage, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await detection.RescorePeersAsync(ownerId, peers, cancellationToken);
        return TriageResult.Done($"{alias.AliasName} is its own company again: {returning.Count} invitation(s) moved back.", flagEvent.Id, returning.Count);
    }

    /// <summary>
    /// Moves the invitations of <paramref name="fromKey"/> (or <paramref name="only"/> those of them) to another company key in one statement. A sender known only by name carries the company in
    /// its key (<see cref="SenderKey"/>), so that key moves too; should that make two invitations one (the same person
    /// in the same minute), the store refuses and the caller's transaction is dropped unchanged.
    /// </summary>
    private static async Task<string?> MoveAsync(
        TriageDbContext db, string ownerId, IReadOnlyList<long>? only, string fromKey, string toKey, CancellationToken cancellationToken)
    {
        try
        {
            var moving = db.Invitations.Where(i => i.OwnerId == ownerId && i.CompanyKey == fromKey);
            if (only is not null)
            {
                moving = moving.Where(i => only.Contains(i.Id));
            }

            await moving.ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.CompanyKey, toKey)
                        .SetProperty(
                            i => i.SenderKey,
                            i => i.SenderKey.StartsWith(SenderKey.NamePrefix) ? SenderKey.NamePrefix + i.SenderNameKey + "|" + toKey : i.SenderKey),
                    cancellationToken);
            return null;
        }
        catch (Exception ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            return "Merging them would make two invitations of one sender, sent the same minute, into one; archive the duplicate first.";
        }
    }

    private async Task<FlockDetectionService.PeerRescore> DetectAsync(
        TriageDbContext db, string ownerId, IEnumerable<DateTime> sentAt, string leftKey, string joinedKey, bool knownCompaniesMoved,
        DataCoverage? coverage, CancellationToken cancellationToken)
    {
        // A known contact changes the score of every flock of the company, not only those near the moved invitations.
        InvitationChange[] changes = [.. sentAt.SelectMany(t => new[] { new InvitationChange(leftKey, t), new InvitationChange(joinedKey, t) })];
        return await detection.DetectWithinAsync(db, ownerId, changes, rebuild: knownCompaniesMoved, coverage, cancellationToken);
    }

    private static string? Named(string field, string? name) =>
        string.IsNullOrWhiteSpace(name) ? $"{field}: name the company."
        : name.Trim().Length > CompanyService.MaxLength ? $"{field}: at most {CompanyService.MaxLength} characters."
        : CompanyKey.Normalize(name) is null ? $"{field}: '{name.Trim()}' has no letters or digits left once legal suffixes are removed."
        : null;
}
