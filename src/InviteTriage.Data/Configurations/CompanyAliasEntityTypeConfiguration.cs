using InviteTriage.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class CompanyAliasEntityTypeConfiguration : IEntityTypeConfiguration<CompanyAlias>
{
    public void Configure(EntityTypeBuilder<CompanyAlias> builder)
    {
        builder.HasOwner(a => a.OwnerId);
        builder.Property(a => a.AliasKey).HasMaxLength(400);
        builder.Property(a => a.AliasName).HasMaxLength(400);
        builder.Property(a => a.CanonicalKey).HasMaxLength(400);
        builder.Property(a => a.CanonicalName).HasMaxLength(400);

        // A key is an alias of one company at most; the lookup by canonical key re-points aliases when theirs is merged.
        builder.HasIndex(a => new { a.OwnerId, a.AliasKey }).IsUnique();
        builder.HasIndex(a => new { a.OwnerId, a.CanonicalKey });
    }
}
