using InviteTriage.Core.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class KnownContactEntityTypeConfiguration : IEntityTypeConfiguration<KnownContact>
{
    public void Configure(EntityTypeBuilder<KnownContact> builder)
    {
        builder.HasOwner(c => c.OwnerId);
        builder.Property(c => c.Name).HasMaxLength(400);
        builder.Property(c => c.ProfileUrl).HasMaxLength(1000);
        builder.Property(c => c.Company).HasMaxLength(400);
        builder.Property(c => c.CompanyKey).HasMaxLength(400);
        builder.Property(c => c.Position).HasMaxLength(400);
        builder.HasIndex(c => new { c.OwnerId, c.ProfileUrl });
        builder.HasIndex(c => new { c.OwnerId, c.CompanyKey });
    }
}
