using InviteTriage.Core.Flocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class FlockEntityTypeConfiguration : IEntityTypeConfiguration<Flock>
{
    public void Configure(EntityTypeBuilder<Flock> builder)
    {
        builder.HasOwner(f => f.OwnerId);
        builder.Property(f => f.CompanyKey).HasMaxLength(400);
        builder.Property(f => f.Company).HasMaxLength(400);
        builder.ComplexCollection(f => f.Reasons, reasons => reasons.ToJson());
        builder.HasMany(f => f.Members).WithOne().HasForeignKey(m => m.FlockId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(f => new { f.OwnerId, f.Status, f.Score });
        builder.HasIndex(f => new { f.OwnerId, f.CompanyKey, f.FirstSentAt });
        // A move of the data's first or last day re-checks the flocks near it, of every company.
        builder.HasIndex(f => new { f.OwnerId, f.FirstSentAt });
        // CAMPAIGN_COMPANY looks for other users' flocks of the same company near a time.
        builder.HasIndex(f => new { f.CompanyKey, f.FirstSentAt });
    }
}
