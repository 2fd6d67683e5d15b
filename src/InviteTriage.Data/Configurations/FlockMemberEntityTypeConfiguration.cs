using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class FlockMemberEntityTypeConfiguration : IEntityTypeConfiguration<FlockMember>
{
    public void Configure(EntityTypeBuilder<FlockMember> builder)
    {
        builder.HasKey(m => new { m.FlockId, m.InvitationId });
        builder.HasOne<Invitation>().WithMany().HasForeignKey(m => m.InvitationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.InvitationId);
    }
}
