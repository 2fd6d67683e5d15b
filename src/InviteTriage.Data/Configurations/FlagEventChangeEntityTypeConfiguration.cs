using InviteTriage.Core.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class FlagEventChangeEntityTypeConfiguration : IEntityTypeConfiguration<FlagEventChange>
{
    public void Configure(EntityTypeBuilder<FlagEventChange> builder)
    {
        builder.Property(c => c.Before).HasMaxLength(400);
        builder.Property(c => c.After).HasMaxLength(400);
        // An invitation's own history; no FK, because history outlives an undone import's invitations.
        builder.HasIndex(c => c.InvitationId);
    }
}
