using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Makes one user's stored flocks in a stretch of one company's timeline match what the detector found there,
/// keeping ids stable: a stored flock that shares members with a detected one becomes it (growing, shrinking or
/// absorbing neighbours); a stored flock that matches nothing is withdrawn. Every membership change is history.
/// Stored flocks arrive untracked; what changes is collected here and written set-based by <see cref="FlockWriter"/>.
/// </summary>
internal sealed class FlockReconciler(TriageDbContext db, string ownerId, DateTime now)
{
    public const string Actor = "detector";

    private readonly List<PendingEvent> _events = [];
    private readonly Dictionary<long, Flock?> _assignments = [];

    // For each member that leaves stored flocks and joins none, the flocks it leaves. One this detection did not read (its
    // company key changed since it joined) may point at another flock by now: it is cleared only where it still points
    // at one it leaves. One it read is cleared as before, whatever it pointed at.
    private readonly Dictionary<long, List<long>> _leaving = [];
    private readonly Dictionary<long, long?> _storedFlockIds = [];
    private IReadOnlyDictionary<long, DetectionRow> _rows = new Dictionary<long, DetectionRow>();
    private readonly List<Flock> _created = [];
    private readonly HashSet<Flock> _changed = new(ReferenceEqualityComparer.Instance);
    private readonly List<Flock> _deleted = [];
    private readonly List<(Flock Flock, FlockMember Member)> _joined = [];
    private readonly List<(long FlockId, long InvitationId)> _left = [];
    private readonly List<(string CompanyKey, DateTime From, DateTime To, TimeSpan Span, IReadOnlyList<DetectedCandidate> Candidates, bool ClearFirst)> _candidates = [];

    /// <summary>Companies whose flocks appeared, went or moved; other members' flocks there need new campaign scores.</summary>
    public HashSet<string> ChangedCompanies { get; } = new(StringComparer.Ordinal);

    public int EventCount => _events.Count;

    // stored: the user's open, resolved and withdrawn flocks of this stretch, tracked, with their members.
    public void Reconcile(IReadOnlyList<DetectedFlock> detected, IReadOnlyList<Flock> stored, IReadOnlyDictionary<long, DetectionRow> rows)
    {
        _rows = rows;
        var live = stored.Where(f => f.Status is FlockStatus.Open or FlockStatus.Resolved).OrderBy(f => f.Id).ToList();
        var withdrawn = stored.Where(f => f.Status == FlockStatus.Withdrawn).OrderBy(f => f.Id).ToList();

        // Each stored flock follows the detected flock it shares most members with; ties go to the earlier one.
        var followers = detected.Select(_ => new List<Flock>()).ToArray();
        foreach (var flock in live)
        {
            var members = flock.Members.Select(m => m.InvitationId).ToHashSet();
            var best = detected
                .Select((d, index) => (Index: index, Overlap: d.MemberIds.Count(members.Contains)))
                .Where(x => x.Overlap > 0)
                .OrderByDescending(x => x.Overlap).ThenBy(x => x.Index)
                .FirstOrDefault();
            if (best.Overlap > 0)
            {
                followers[best.Index].Add(flock);
            }
            else
            {
                Withdraw(flock);
            }
        }

        for (var index = 0; index < detected.Count; index++)
        {
            var found = detected[index];
            if (followers[index].Count == 0)
            {
                var revived = withdrawn
                    .Where(f => f.Members.Any(m => found.MemberIds.Contains(m.InvitationId)))
                    .OrderByDescending(f => f.Members.Count(m => found.MemberIds.Contains(m.InvitationId))).ThenBy(f => f.Id)
                    .FirstOrDefault();
                if (revived is not null)
                {
                    withdrawn.Remove(revived);
                }

                Apply(found, revived ?? NewFlock(found), absorbed: [], isNew: true);
                continue;
            }

            var survivor = followers[index][0];
            var absorbed = followers[index].Skip(1).ToList();
            Apply(found, survivor, absorbed, isNew: false);
        }
    }

    /// <summary>
    /// A flock that stays what it is while the data's coverage moves: only its p-value, and the FLOCK_COMPANY text
    /// that quotes it, change. No membership moves, so nothing goes to history.
    /// </summary>
    public void Reprice(Flock flock, double pValue)
    {
        var reasons = FlockScorer.WithPValue(flock.Reasons, pValue);
        if (flock.PValue != pValue || !reasons.SequenceEqual(flock.Reasons))
        {
            flock.PValue = pValue;
            flock.Reasons = [.. reasons];
            flock.UpdatedAt = now;
            _changed.Add(flock);
        }
    }

    /// <summary>
    /// The candidates found in a stretch of one company's timeline, [from, to], which holds whole gap-chains: they
    /// replace every stored candidate there, as the flocks found replace the stored ones. A candidate spans at most
    /// <paramref name="span"/>. <paramref name="clearFirst"/> false saves the delete where nothing is stored there.
    /// </summary>
    public void ReplaceCandidates(string companyKey, DateTime from, DateTime to, TimeSpan span, IReadOnlyList<DetectedCandidate> candidates, bool clearFirst) =>
        _candidates.Add((companyKey, from, to, span, candidates, clearFirst));

    /// <summary>Writes flocks, memberships, the invitations' current flock, the candidates and the history, in the caller's transaction.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        using var writer = new FlockWriter(StoreCommands.Of(db), ownerId);
        // Every stretch's stored candidates go before any found ones are written: stretches hold whole gap-chains of
        // their company and share none, so the order changes nothing, and the found ones then go as one array
        // statement on PostgreSQL rather than one a stretch.
        foreach (var (companyKey, from, to, span, _, clearFirst) in _candidates)
        {
            if (clearFirst)
            {
                await writer.DeleteCandidatesAsync(companyKey, from, to, span, cancellationToken);
            }
        }

        await writer.InsertCandidatesAsync([.. _candidates.SelectMany(c => c.Candidates)], cancellationToken);

        foreach (var gone in _deleted)
        {
            await writer.DeleteAsync(gone.Id, cancellationToken);
        }

        foreach (var flock in _changed)
        {
            await writer.UpdateAsync(flock, cancellationToken);
        }

        foreach (var flock in _created)
        {
            await writer.InsertAsync(flock, cancellationToken);
        }

        foreach (var (flockId, invitationId) in _left)
        {
            await writer.DeleteMemberAsync(flockId, invitationId, cancellationToken);
        }

        foreach (var (flock, member) in _joined)
        {
            member.FlockId = flock.Id;
        }

        await writer.InsertMembersAsync([.. _created.SelectMany(f => f.Members), .. _joined.Select(j => j.Member)], cancellationToken);

        // Most members already point at their flock; only the ones that move are written.
        var moved = new List<(long InvitationId, long? FlockId)>();
        foreach (var (invitationId, flock) in _assignments)
        {
            var known = _storedFlockIds.TryGetValue(invitationId, out var before);
            if (flock is null && !known && _leaving.TryGetValue(invitationId, out var left))
            {
                foreach (var flockId in left)
                {
                    await writer.LeaveAsync(invitationId, flockId, cancellationToken);
                }
            }
            else if (!known || before != flock?.Id)
            {
                moved.Add((invitationId, flock?.Id));
            }
        }

        await writer.AssignAsync(moved, cancellationToken);

        await writer.InsertEventsAsync([.. _events.Select(pending => pending.ToEvent(ownerId, now))], cancellationToken);

        _assignments.Clear();
        _leaving.Clear();
        _storedFlockIds.Clear();
        _events.Clear();
        _created.Clear();
        _changed.Clear();
        _deleted.Clear();
        _joined.Clear();
        _left.Clear();
        _candidates.Clear();
    }

    private Flock NewFlock(DetectedFlock found)
    {
        var flock = new Flock
        {
            OwnerId = ownerId,
            CompanyKey = found.CompanyKey,
            Company = found.Company,
            DetectedAt = now,
            UpdatedAt = now,
        };
        _created.Add(flock);
        return flock;
    }

    private void Apply(DetectedFlock found, Flock flock, List<Flock> absorbed, bool isNew)
    {
        var before = flock.Members.Select(m => m.InvitationId).ToHashSet();
        var after = found.MemberIds.ToHashSet();
        var added = found.MemberIds.Where(id => !before.Contains(id)).ToList();
        var removed = before.Where(id => !after.Contains(id)).Order().ToList();
        var wasResolved = flock.Status == FlockStatus.Resolved;
        var moved = (found.FirstSentAt, found.LastSentAt) != (flock.FirstSentAt, flock.LastSentAt);
        var rowBefore = Row.Of(flock);

        var joined = added.Select(id => new FlockMember { FlockId = flock.Id, InvitationId = id, JoinedAt = now }).ToList();
        flock.Members.RemoveAll(m => !after.Contains(m.InvitationId));
        flock.Members.AddRange(joined);
        flock.CompanyKey = found.CompanyKey;
        flock.Company = found.Company;
        flock.FirstSentAt = found.FirstSentAt;
        flock.LastSentAt = found.LastSentAt;
        flock.SenderCount = found.SenderCount;
        flock.PValue = found.PValue;
        flock.Score = found.Score;
        flock.Severity = found.Severity;
        flock.Reasons = [.. found.Reasons];
        flock.Status = found.MemberIds.Any(id => _rows.TryGetValue(id, out var row) && row.Status == InvitationStatus.Pending) ? FlockStatus.Open : FlockStatus.Resolved;
        if (flock.Id != 0)
        {
            // A stored flock: only what changed is written, and a detection that changes nothing writes nothing.
            _left.AddRange(removed.Select(id => (flock.Id, id)));
            _joined.AddRange(joined.Select(m => (flock, m)));
            if (Row.Of(flock) != rowBefore || joined.Count > 0 || removed.Count > 0)
            {
                flock.UpdatedAt = now;
                _changed.Add(flock);
            }
        }

        // A member leaves this flock, but another detected flock of this save may have claimed it already or may
        // claim it later; clearing never overrides a claim, whatever the order the flocks are applied in.
        foreach (var id in removed)
        {
            Leave(id, flock);
        }

        foreach (var id in found.MemberIds)
        {
            _assignments[id] = flock;
            RememberStoredFlock(id);
        }

        foreach (var gone in absorbed)
        {
            foreach (var member in gone.Members.Where(m => !after.Contains(m.InvitationId)))
            {
                Leave(member.InvitationId, gone);
            }

            _changed.Remove(gone);
            _deleted.Add(gone);
        }

        if (isNew)
        {
            ChangedCompanies.Add(found.CompanyKey);
            _events.Add(new PendingEvent(FlagEventKind.FlockDetected, flock,
                $"Flock detected: {found.Company}, {found.SenderCount} senders",
                found.MemberIds.Select(id => (id, (string?)null, (Flock?)flock)).ToList()));
        }
        else if (absorbed.Count > 0)
        {
            ChangedCompanies.Add(found.CompanyKey);
            var absorbedIds = string.Join(", ", absorbed.Select(f => $"#{f.Id}"));
            _events.Add(new PendingEvent(FlagEventKind.FlockMerged, flock,
                $"Flocks {absorbedIds} merged into this flock: {found.Company}, {found.SenderCount} senders",
                absorbed.SelectMany(f => f.Members.Select(m => (m.InvitationId, (string?)$"flock {f.Id}", (Flock?)flock)))
                    .Concat(added.Where(id => !absorbed.Any(f => f.Members.Any(m => m.InvitationId == id))).Select(id => (id, (string?)null, (Flock?)flock)))
                    .ToList()));
        }
        else if (added.Count > 0)
        {
            ChangedCompanies.Add(found.CompanyKey);
            _events.Add(new PendingEvent(FlagEventKind.FlockGrew, flock,
                $"Flock grew to {found.SenderCount} senders: {found.Company}",
                added.Select(id => (id, (string?)null, (Flock?)flock)).ToList()));
        }
        else if (moved)
        {
            ChangedCompanies.Add(found.CompanyKey);
        }

        if (!isNew && removed.Count > 0)
        {
            _events.Add(new PendingEvent(FlagEventKind.FlockWithdrawn, flock,
                $"{removed.Count} invitation(s) no longer belong to this flock: {found.Company}",
                removed.Select(id => (id, (string?)$"flock {flock.Id}", (Flock?)null)).ToList()));
        }

        if (!isNew && wasResolved && flock.Status == FlockStatus.Open)
        {
            _events.Add(new PendingEvent(FlagEventKind.FlockReopened, flock,
                $"Flock reopened: a new invitation from {found.Company} is pending", []));
        }
    }

    private void Withdraw(Flock flock)
    {
        ChangedCompanies.Add(flock.CompanyKey);
        flock.Status = FlockStatus.Withdrawn;
        flock.UpdatedAt = now;
        _changed.Add(flock);
        foreach (var member in flock.Members)
        {
            Leave(member.InvitationId, flock);
        }

        _events.Add(new PendingEvent(FlagEventKind.FlockWithdrawn, flock,
            $"Flock withdrawn: {flock.Company} is no longer surprising for you, given the rest of your data",
            flock.Members.Select(m => (m.InvitationId, (string?)$"flock {flock.Id}", (Flock?)null)).ToList()));
    }

    // A member leaves a stored flock and, unless a flock of this save claims it, points at none.
    private void Leave(long invitationId, Flock left)
    {
        _assignments.TryAdd(invitationId, null);
        if (!_leaving.TryGetValue(invitationId, out var flocks))
        {
            _leaving[invitationId] = flocks = [];
        }

        flocks.Add(left.Id);

        RememberStoredFlock(invitationId);
    }

    // Where an invitation pointed before this detection, so that only the ones that move are written.
    private void RememberStoredFlock(long invitationId)
    {
        if (_rows.TryGetValue(invitationId, out var row))
        {
            _storedFlockIds.TryAdd(invitationId, row.FlockId);
        }
    }

    /// <summary>What a flock's row holds besides its members and times of change; a detection that leaves it equal writes nothing.</summary>
    private sealed record Row(
        string CompanyKey, string Company, DateTime FirstSentAt, DateTime LastSentAt, int SenderCount, double PValue, double Score,
        FlockSeverity Severity, FlockStatus Status, string Reasons)
    {
        public static Row Of(Flock f) =>
            new(f.CompanyKey, f.Company, f.FirstSentAt, f.LastSentAt, f.SenderCount, f.PValue, f.Score, f.Severity, f.Status, string.Join('\n', f.Reasons));
    }

    /// <summary>A history event whose flock ids are known only once new flocks are saved.</summary>
    private sealed record PendingEvent(FlagEventKind Kind, Flock Flock, string Summary, IReadOnlyList<(long InvitationId, string? Before, Flock? After)> Changes)
    {
        public FlagEvent ToEvent(string ownerId, DateTime now) => new()
        {
            OwnerId = ownerId,
            Kind = Kind,
            Actor = Actor,
            OccurredAt = now,
            FlockId = Flock.Id,
            Summary = Summary,
            Changes = [.. Changes.Select(c => new FlagEventChange
            {
                InvitationId = c.InvitationId,
                Before = c.Before ?? "none",
                After = c.After is null ? "none" : $"flock {c.After.Id}",
            })],
        };
    }
}
