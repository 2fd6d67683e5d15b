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
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data;

public sealed class TriageDbContext(DbContextOptions<TriageDbContext> options) : IdentityDbContext<TriageUser>(options)
{
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Flock> Flocks => Set<Flock>();
    public DbSet<FlockMember> FlockMembers => Set<FlockMember>();
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TriageDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored as UTC; SQLite hands DateTime back as Unspecified, so the kind is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
