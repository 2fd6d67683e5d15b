using InviteTriage.Data.Leases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class LeaseEntityTypeConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
