using InviteTriage.Core.Companies;
using InviteTriage.Core.Detection;
using InviteTriage.Core.History;
using InviteTriage.Data.Database;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Companies;

/// <summary>
/// Company aliases (DETECTION.md): the user merges one company key into another, and from then on the two are one
/// company for grouping, scoring and the user's company lists. Applying one moves the stored invitations, known
/// contacts and flocks in one set-based statement each and re-detects both companies, all in one transaction;
/// imports, "set company" and import undo map keys through <see cref="MapAsync"/>. Similarity only suggests;
/// nothing is merged until the user says so.
/// </summary>
public sealed class CompanyAliasService(IDbContextFactory<TriageDbContext> dbFactory, FlockDetectionService detection, TimeProvider time)
{
    /// <summary>The busiest companies compared for suggestions: all pairs of them, which stays quick at any store size.</summary>
    public const int SuggestionPool = 500;

    public const int MaxSuggestions = 20;

    public const int MaxAliases = 1000;

    // Every arrival's detection reads the aliases, so the query is compiled once.
    private static readonly CompiledPerModel<Func<TriageDbContext, string, IAsyncEnumerable<CompanyAlias>>> Aliases = new(() =>
        EF.CompileAsyncQuery((TriageDbContext db, string owner) => db.CompanyAliases.AsNoTracking().Where(a => a.OwnerId == owner)));

    /// <summary>The user's aliases as a lookup, read inside the caller's unit of work.</summary>
    internal static async Task<CompanyAliasMap> MapAsync(TriageDbContext db, string ownerId, CancellationToken cancellationToken)
    {
        var aliases = new List<CompanyAlias>();
        await foreach (var alias in Aliases.For(db)(db, ownerId).WithCancellation(cancellationToken))
        {
            aliases.Add(alias);
        }

        return new(aliases);
    }

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
        var busiest = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.CompanyKey != null)
            .GroupBy(i => i.CompanyKey!)
            .Select(g => new { Key = g.Key, Invitations = g.Count() })
            .OrderByDescending(c => c.Invitations).ThenBy(c => c.Key)
            .Take(SuggestionPool)
            .ToListAsync(cancellationToken);
        var keys = busiest.Select(c => c.Key).ToList();
        var spellings = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.CompanyKey != null && keys.Contains(i.CompanyKey))
            .GroupBy(i => new { Key = i.CompanyKey!, Name = i.Company! })
            .Select(g => new { g.Key.Key, g.Key.Name, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // A company is shown by its most common own spelling; one that came in under an alias is another company's name.
        var names = spellings
            .GroupBy(s => s.Key)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => CompanyKey.Normalize(s.Name) == g.Key ? 0 : 1).ThenByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal).First().Name);
        var suggestions = CompanySimilarity.Suggest([.. busiest.Select(c => new CompanyCount(c.Key, names[c.Key], c.Invitations))], MaxSuggestions * 2);

        // A company others were merged into can only be the one kept (see RefusalAsync): such a pair is turned round,
        // and one where both sides have aliases is left to the user.
        var kept = (await db.CompanyAliases.AsNoTracking().Where(a => a.OwnerId == ownerId).Select(a => a.CanonicalKey).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return [.. suggestions
            .Where(s => !(kept.Contains(s.Alias.Key) && kept.Contains(s.Canonical.Key)))
            .Select(s => kept.Contains(s.Alias.Key) ? s with { Alias = s.Canonical, Canonical = s.Alias } : s)
            .Take(MaxSuggestions)];
    }

    /// <summary>Treats <paramref name="aliasName"/> as <paramref name="canonicalName"/> from now on, for stored and future invitations.</summary>
    public Task<CompanyAliasResult> AddAsync(string ownerId, string actor, string? aliasName, string? canonicalName, CancellationToken cancellationToken)
    {
        if ((Named("alias", aliasName) ?? Named("company", canonicalName)) is { } problem)
        {
            return Task.FromResult(new CompanyAliasResult(TriageResult.Invalid(problem)));
        }

        var alias = aliasName!.Trim();
        var canonical = canonicalName!.Trim();
        return MergeAsync(ownerId, actor, CompanyKey.Normalize(alias)!, alias, CompanyKey.Normalize(canonical)!, canonical, cancellationToken);
    }

    /// <summary>Applies a suggestion by its keys, so that the names it shows need not spell them.</summary>
    public Task<CompanyAliasResult> ApplyAsync(string ownerId, string actor, AliasSuggestion suggestion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return MergeAsync(ownerId, actor, suggestion.Alias.Key, suggestion.Alias.Name, suggestion.Canonical.Key, suggestion.Canonical.Name, cancellationToken);
    }

    private Task<CompanyAliasResult> MergeAsync(
        string ownerId, string actor, string aliasKey, string alias, string canonicalKeyAsNamed, string canonical, CancellationToken cancellationToken) =>
        ChangeAsync<CompanyAliasResult>(ownerId, async (db, coverage) =>
        {
            var map = await MapAsync(db, ownerId, cancellationToken);
            var canonicalKey = map.Resolve(canonicalKeyAsNamed)!;
            if (await RefusalAsync(db, ownerId, map, aliasKey, alias, canonicalKey, canonical, cancellationToken) is { } refusal)
            {
                return (new CompanyAliasResult(TriageResult.Invalid(refusal)), null);
            }

            // A canonical name written as one of its aliases would show the alias; show the name it is known by.
            var canonicalShown = await db.CompanyAliases.AsNoTracking()
                .Where(a => a.OwnerId == ownerId && a.CanonicalKey == canonicalKey)
                .Select(a => a.CanonicalName)
                .FirstOrDefaultAsync(cancellationToken) ?? canonical;
            var moving = await NameKeyedAsync(db, ownerId, aliasKey, cancellationToken);
            if (await CollisionAsync(db, ownerId, moving, canonicalKey, cancellationToken) is { } collision)
            {
                return (new CompanyAliasResult(TriageResult.Invalid(collision)), null);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var row = new CompanyAlias
            {
                OwnerId = ownerId, AliasKey = aliasKey, AliasName = alias, CanonicalKey = canonicalKey, CanonicalName = canonicalShown, CreatedAt = now,
            };
            db.CompanyAliases.Add(row);
            var flagEvent = new FlagEvent { OwnerId = ownerId, Kind = FlagEventKind.CompanyAliased, Actor = actor, OccurredAt = now, Summary = "" };
            db.FlagEvents.Add(flagEvent);
            await db.SaveChangesAsync(cancellationToken);

            var moved = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "FlagEventChanges" ("FlagEventId", "InvitationId", "Before", "After")
                SELECT {flagEvent.Id}, "Id", {alias}, {canonicalShown} FROM "Invitations" WHERE "OwnerId" = {ownerId} AND "CompanyKey" = {aliasKey}
                """,
                cancellationToken);
            await MoveAsync(db, ownerId, only: null, aliasKey, canonicalKey, cancellationToken);
            await db.KnownContacts
                .Where(c => c.OwnerId == ownerId && c.CompanyKey == aliasKey)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompanyKey, canonicalKey), cancellationToken);

            // The merged company's flocks join the canonical timeline, so detection grows them and keeps their ids.
            await db.Flocks
                .Where(f => f.OwnerId == ownerId && f.CompanyKey == aliasKey)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.CompanyKey, canonicalKey), cancellationToken);

            // So do its candidates, which detection then replaces along the whole canonical timeline.
            await db.FlockCandidates
                .Where(c => c.OwnerId == ownerId && c.CompanyKey == aliasKey)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompanyKey, canonicalKey), cancellationToken);

            flagEvent.Summary = $"{alias} merged into {canonicalShown}: {moved} invitation(s) moved";
            await db.SaveChangesAsync(cancellationToken);
            var peers = await DetectAsync(db, ownerId, [aliasKey, canonicalKey], [], moving, coverage, cancellationToken);
            return (new CompanyAliasResult(
                TriageResult.Done($"{alias} is now treated as {canonicalShown}: {moved} invitation(s) moved and detection ran again.", flagEvent.Id, moved),
                row.Id), peers);
        }, cancellationToken);

    private static async Task<string?> RefusalAsync(
        TriageDbContext db, string ownerId, CompanyAliasMap map, string aliasKey, string alias, string canonicalKey, string canonical, CancellationToken cancellationToken)
    {
        if (canonicalKey == aliasKey)
        {
            return $"'{alias}' and '{canonical}' are already one company.";
        }

        if (map.Resolve(aliasKey) != aliasKey)
        {
            var existing = await db.CompanyAliases.AsNoTracking().SingleAsync(a => a.OwnerId == ownerId && a.AliasKey == aliasKey, cancellationToken);
            return $"'{alias}' is already merged into '{existing.CanonicalName}'; remove that alias first.";
        }

        // Merging a company that others were merged into would need those aliases re-pointed, and then removing this
        // one could not put them back; the other direction needs nothing moved twice.
        var own = await db.CompanyAliases.AsNoTracking()
            .Where(a => a.OwnerId == ownerId && a.CanonicalKey == aliasKey)
            .Select(a => a.AliasName)
            .OrderBy(n => n)
            .ToListAsync(cancellationToken);
        if (own.Count > 0)
        {
            return $"'{string.Join("', '", own)}' {(own.Count == 1 ? "is" : "are")} merged into '{alias}'. Merge '{canonical}' into '{alias}' instead, or remove {(own.Count == 1 ? "that alias" : "those aliases")} first.";
        }

        return map.Count >= MaxAliases ? $"At most {MaxAliases} aliases; remove one first." : null;
    }

    /// <summary>Ends an alias: the invitations whose own company is the alias go back to it, and detection runs again.</summary>
    public Task<TriageResult> RemoveAsync(string ownerId, string actor, long aliasId, CancellationToken cancellationToken) =>
        ChangeAsync<TriageResult>(ownerId, async (db, coverage) =>
        {
            var alias = await db.CompanyAliases.SingleOrDefaultAsync(a => a.Id == aliasId && a.OwnerId == ownerId, cancellationToken);
            if (alias is null)
            {
                return (TriageResult.NotFound($"There is no alias {aliasId} of yours."), null);
            }

            // The stored name still says which company an invitation was written as; its key tells whether it came through this alias.
            var underCanonical = await db.Invitations.AsNoTracking()
                .Where(i => i.OwnerId == ownerId && i.CompanyKey == alias.CanonicalKey)
                .Select(i => new { i.Id, i.Company, i.SenderKey, i.SentAt })
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

            // Nothing else is under the alias's key while the alias stands, so the invitations going back cannot meet one there.
            await MoveAsync(db, ownerId, [.. returning.Select(i => i.Id)], alias.CanonicalKey, alias.AliasKey, cancellationToken);
            await db.KnownContacts
                .Where(c => c.OwnerId == ownerId && contactIds.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompanyKey, alias.AliasKey), cancellationToken);
            var moving = returning
                .Where(i => i.SenderKey.StartsWith(SenderKey.NamePrefix, StringComparison.Ordinal))
                .Select(i => (i.SenderKey, i.SentAt))
                .ToList();
            var left = returning.Select(i => new InvitationChange(alias.CanonicalKey, i.SentAt)).ToList();
            var peers = await DetectAsync(db, ownerId, [alias.AliasKey, alias.CanonicalKey], left, moving, coverage, cancellationToken);
            return (TriageResult.Done($"{alias.AliasName} is its own company again: {returning.Count} invitation(s) moved back.", flagEvent.Id, returning.Count), peers);
        }, cancellationToken);

    /// <summary>
    /// One change of the user's aliases, under the user's detection lock and in one transaction. <paramref name="change"/>
    /// returns what other members need re-scored, and the transaction commits; it returns none for a refusal, and
    /// everything is rolled back. Other members are re-scored once this member's lock is released, because that takes
    /// their locks (the order imports keep too).
    /// </summary>
    private async Task<T> ChangeAsync<T>(
        string ownerId, Func<TriageDbContext, DataCoverage?, Task<(T Result, FlockDetectionService.PeerRescore? Peers)>> change, CancellationToken cancellationToken)
    {
        (T Result, FlockDetectionService.PeerRescore? Peers) done;
        using (await FlockDetectionService.LockOwnerAsync(ownerId, cancellationToken))
        {
            var coverage = await detection.CoverageAsync(ownerId, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            done = await change(db, coverage);
            if (done.Peers is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        if (done.Peers is { } peers)
        {
            await detection.RescorePeersAsync(ownerId, peers, cancellationToken);
        }

        return done.Result;
    }

    /// <summary>The sender keys, and times, of a company's invitations from senders known by name only: those a move re-keys.</summary>
    private static async Task<List<(string SenderKey, DateTime SentAt)>> NameKeyedAsync(TriageDbContext db, string ownerId, string companyKey, CancellationToken cancellationToken) =>
        [.. (await db.Invitations.AsNoTracking()
                .Where(i => i.OwnerId == ownerId && i.CompanyKey == companyKey && i.SenderKey.StartsWith(SenderKey.NamePrefix))
                .Select(i => new { i.SenderKey, i.SentAt })
                .ToListAsync(cancellationToken))
            .Select(i => (i.SenderKey, i.SentAt))];

    /// <summary>
    /// Refuses a move that would make one sender, known by name only, send two invitations in the same minute under
    /// one company: the store would hold the same invitation twice. Such a pair is the same invitation arrived by two
    /// routes with two spellings of the company, and is named so that the user can decide which to keep.
    /// </summary>
    private static async Task<string?> CollisionAsync(
        TriageDbContext db, string ownerId, List<(string SenderKey, DateTime SentAt)> moving, string toKey, CancellationToken cancellationToken)
    {
        if (moving.Count == 0)
        {
            return null;
        }

        var there = (await NameKeyedAsync(db, ownerId, toKey, cancellationToken))
            .Select(i => (i.SenderKey, Minute: DraftRules.MinuteOf(i.SentAt)))
            .ToHashSet();
        var clash = moving.FirstOrDefault(m => there.Contains((SenderKey.WithCompany(m.SenderKey, toKey), DraftRules.MinuteOf(m.SentAt))));
        if (clash.SenderKey is null)
        {
            return null;
        }

        var sender = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.SenderKey == clash.SenderKey && i.SentAt == clash.SentAt)
            .Select(i => new { i.Id, i.SenderName })
            .FirstAsync(cancellationToken);
        return $"{sender.SenderName} has an invitation under each name sent in the same minute ({clash.SentAt:yyyy-MM-dd HH:mm} UTC; one is #{sender.Id}): "
            + "merged, they would be one invitation stored twice. Undo the import that brought one of them, then merge.";
    }

    /// <summary>
    /// Moves the invitations of <paramref name="fromKey"/> (or <paramref name="only"/> those of them) to another
    /// company key in one statement. A sender known by name carries the company in its key (<see cref="SenderKey.WithCompany"/>),
    /// so that part of the key is rewritten in place.
    /// </summary>
    private static Task<int> MoveAsync(
        TriageDbContext db, string ownerId, IReadOnlyList<long>? only, string fromKey, string toKey, CancellationToken cancellationToken)
    {
        var moving = db.Invitations.Where(i => i.OwnerId == ownerId && i.CompanyKey == fromKey);
        if (only is not null)
        {
            moving = moving.Where(i => only.Contains(i.Id));
        }

        var suffix = "|" + fromKey;

        // The lambda is translated to SQL (substr and ||), where spans do not exist.
#pragma warning disable CA1845
        return moving.ExecuteUpdateAsync(
            s => s.SetProperty(i => i.CompanyKey, toKey)
                .SetProperty(
                    i => i.SenderKey,
                    i => i.SenderKey.StartsWith(SenderKey.NamePrefix) && i.SenderKey.EndsWith(suffix)
                        ? i.SenderKey.Substring(0, i.SenderKey.Length - fromKey.Length) + toKey
                        : i.SenderKey),
            cancellationToken);
#pragma warning restore CA1845
    }

    /// <summary>
    /// Re-detects both companies over their whole timelines: the user's company lists and known contacts apply to a
    /// whole company, so a merge can change flocks far from the invitations that moved. Other members counted the
    /// moved senders under their old keys (CAMPAIGN_SENDER), so those are re-scored too.
    /// </summary>
    /// <remarks>
    /// Where invitations left a company (<paramref name="left"/>), that company may have nothing left near them, so
    /// those points are changes too: its flocks and candidates there must go.
    /// </remarks>
    private async Task<FlockDetectionService.PeerRescore> DetectAsync(
        TriageDbContext db, string ownerId, string[] companyKeys, IReadOnlyList<InvitationChange> left, IReadOnlyList<(string SenderKey, DateTime SentAt)> oldSenders,
        DataCoverage? coverage, CancellationToken cancellationToken)
    {
        var timelines = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.CompanyKey != null && companyKeys.Contains(i.CompanyKey))
            .Select(i => new InvitationChange(i.CompanyKey, i.SentAt))
            .ToListAsync(cancellationToken);
        timelines.AddRange(left);
        var peers = await detection.DetectWithinAsync(db, ownerId, timelines, rebuild: timelines.Count > ImportService.RebuildThreshold, coverage, cancellationToken);
        return peers with { Senders = [.. peers.Senders, .. oldSenders] };
    }

    private static string? Named(string field, string? name) =>
        string.IsNullOrWhiteSpace(name) ? $"{field}: name the company."
        : name.Trim().Length > CompanyService.MaxLength ? $"{field}: at most {CompanyService.MaxLength} characters."
        : CompanyKey.Normalize(name) is null ? $"{field}: '{name.Trim()}' has no letters or digits left once legal suffixes are removed."
        : null;
}
