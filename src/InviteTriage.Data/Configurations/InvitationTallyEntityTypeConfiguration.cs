using InviteTriage.Data.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class InvitationTallyEntityTypeConfiguration : IEntityTypeConfiguration<InvitationTally>
{
    public void Configure(EntityTypeBuilder<InvitationTally> builder)
    {
        // The triggers' upsert finds a tally by this key.
        builder.HasKey(t => new { t.OwnerId, t.Status, t.InFlock });
        builder.HasOwner(t => t.OwnerId);
    }
}
