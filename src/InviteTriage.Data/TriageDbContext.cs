using InviteTriage.Core.Accounts;
using InviteTriage.Core.Companies;
using InviteTriage.Core.Contacts;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Imports;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Mailboxes;
using InviteTriage.Core.Settings;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Database;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Leases;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data;

public sealed class TriageDbContext(DbContextOptions<TriageDbContext> options) : IdentityDbContext<TriageUser>(options), IDataProtectionKeyContext
{
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Flock> Flocks => Set<Flock>();
    public DbSet<FlockMember> FlockMembers => Set<FlockMember>();
    public DbSet<FlockCandidate> FlockCandidates => Set<FlockCandidate>();
    public DbSet<FlagEvent> FlagEvents => Set<FlagEvent>();
    public DbSet<FlagEventChange> FlagEventChanges => Set<FlagEventChange>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportMerge> ImportMerges => Set<ImportMerge>();
    public DbSet<KnownContact> KnownContacts => Set<KnownContact>();
    public DbSet<UserSettings> UserSettings => Set<UserSettings>();
    public DbSet<CompanyAlias> CompanyAliases => Set<CompanyAlias>();
    public DbSet<InstanceSettings> InstanceSettings => Set<InstanceSettings>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<MailboxMessage> MailboxMessages => Set<MailboxMessage>();
    public DbSet<Lease> Leases => Set<Lease>();

    /// <summary>The owners' invitation counts by status and flock, kept by triggers (<see cref="InvitationTally"/>); read only.</summary>
    internal DbSet<InvitationTally> InvitationTallies => Set<InvitationTally>();

    /// <summary>Data Protection's keys, in the store so that every web instance and the CLI share them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Whether <paramref name="text"/> matches a LIKE <paramref name="pattern"/> from <see cref="LikePattern"/>, ignoring case; in queries only.</summary>
    public static bool ContainsText(string text, string pattern) => throw new InvalidOperationException("ContainsText runs only inside a query.");

    /// <summary>Whether <paramref name="key"/> starts with a <c>StoreDialect.KeyPrefix</c> pattern, through the key's index; in queries only.</summary>
    public static bool StartsWithKey(string? key, string pattern) => throw new InvalidOperationException("StartsWithKey runs only inside a query.");

    /// <summary><paramref name="value"/> where no index may answer for it (<c>StoreDialect.Unindexed</c>); in queries only.</summary>
    public static string Unindexed(string value) => throw new InvalidOperationException("Unindexed runs only inside a query.");

    /// <summary><see cref="StartsWithKey"/> without the key's index (<c>StoreDialect.StartsWithKeyUnindexed</c>); in queries only.</summary>
    public static bool StartsWithKeyUnindexed(string? key, string pattern) => throw new InvalidOperationException("StartsWithKeyUnindexed runs only inside a query.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TriageDbContext).Assembly);

        // SQLite's LIKE ignores case and PostgreSQL's does not; the dialect makes the search mean the same on both.
        var dialect = StoreDialect.Of(this);
        builder.HasDbFunction(typeof(TriageDbContext).GetMethod(nameof(ContainsText))!)
            .HasTranslation(arguments => dialect.ContainsText(arguments[0], arguments[1]));
        builder.HasDbFunction(typeof(TriageDbContext).GetMethod(nameof(StartsWithKey))!)
            .HasTranslation(arguments => dialect.StartsWithKey(arguments[0], arguments[1]));
        builder.HasDbFunction(typeof(TriageDbContext).GetMethod(nameof(Unindexed))!)
            .HasTranslation(arguments => dialect.Unindexed(arguments[0]));
        builder.HasDbFunction(typeof(TriageDbContext).GetMethod(nameof(StartsWithKeyUnindexed))!)
            .HasTranslation(arguments => dialect.StartsWithKeyUnindexed(arguments[0], arguments[1]));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored as UTC; SQLite hands DateTime back as Unspecified, so the kind is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveConversion<TextConverter>();
    }
}
