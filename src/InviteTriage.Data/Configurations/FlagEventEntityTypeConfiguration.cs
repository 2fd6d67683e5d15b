using InviteTriage.Core.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class FlagEventEntityTypeConfiguration : IEntityTypeConfiguration<FlagEvent>
{
    public void Configure(EntityTypeBuilder<FlagEvent> builder)
    {
        builder.HasOwner(e => e.OwnerId);
        builder.Property(e => e.Actor).HasMaxLength(320);
        builder.Property(e => e.Summary).HasMaxLength(2000);
        builder.HasMany(e => e.Changes).WithOne().HasForeignKey(c => c.FlagEventId).OnDelete(DeleteBehavior.Cascade);

        // History is append-only and points at flocks and batches that may later be deleted, so no FK there.
        builder.HasIndex(e => new { e.OwnerId, e.OccurredAt });
        builder.HasIndex(e => new { e.OwnerId, e.Kind, e.OccurredAt });
        builder.HasIndex(e => e.FlockId);
        builder.HasIndex(e => e.UndoesEventId);
    }
}
