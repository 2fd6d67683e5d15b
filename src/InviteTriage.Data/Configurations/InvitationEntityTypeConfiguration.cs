using InviteTriage.Core.Flocks;
using InviteTriage.Core.Imports;
using InviteTriage.Core.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class InvitationEntityTypeConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasOwner(i => i.OwnerId);
        builder.Property(i => i.Network).HasMaxLength(40);
        builder.Property(i => i.ExternalId).HasMaxLength(200);
        builder.Property(i => i.SenderName).HasMaxLength(400);
        builder.Property(i => i.SenderHeadline).HasMaxLength(1000);
        builder.Property(i => i.Company).HasMaxLength(400);
        builder.Property(i => i.CompanyKey).HasMaxLength(400);
        builder.Property(i => i.SenderProfileUrl).HasMaxLength(1000);
        builder.Property(i => i.SenderKey).HasMaxLength(1000);
        builder.Property(i => i.SenderNameKey).HasMaxLength(400);
        builder.Property(i => i.Message).HasMaxLength(8000);
        builder.Property(i => i.AcceptUrl).HasMaxLength(2000);

        builder.HasOne<Flock>().WithMany().HasForeignKey(i => i.FlockId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(i => i.ImportBatchId).OnDelete(DeleteBehavior.SetNull);

        // The inbox: one user's invitations by status, newest first.
        builder.HasIndex(i => new { i.OwnerId, i.Status, i.SentAt });
        // The "Flocked" tab: the same order over flock members only, a few percent of the rows. Walking the whole
        // status index for them read every pending invitation's row to look at its FlockId.
        builder.HasIndex([nameof(Invitation.OwnerId), nameof(Invitation.Status), nameof(Invitation.SentAt)], "IX_Invitations_OwnerId_Status_SentAt_InFlock")
            .HasFilter("\"FlockId\" IS NOT NULL");
        // One user's timeline: the data's first and last invitation, and the companies active near an edge.
        builder.HasIndex(i => new { i.OwnerId, i.SentAt });
        // The detector's neighbourhood: one user's invitations of one company around a time.
        builder.HasIndex(i => new { i.OwnerId, i.CompanyKey, i.SentAt });
        // Merging sources (FORMATS.md): the same person within 15 minutes, by name where one side has no profile URL.
        builder.HasIndex(i => new { i.OwnerId, i.SenderNameKey, i.SentAt });
        // The cross-recipient rule CAMPAIGN_SENDER and REPEAT_INVITE: the same sender across all users. It holds the
        // owner too, so that counting the members a sender invited, and finding a member's own earlier invitations,
        // read the index alone: a campaign sender's invitations are read once for each member it reached, and looking
        // up each row's owner in the table was most of a rebuild of everyone (docs/performance.md). (CAMPAIGN_COMPANY
        // reads other members' flocks, not their invitations, so no index leads with the company alone: it served no
        // query and cost every import a ninth index to build.)
        builder.HasIndex(i => new { i.SenderKey, i.SentAt, i.OwnerId });
        // Dedupe keys (FORMATS.md): the source's id when there is one, else the sender and the minute.
        builder.HasIndex(i => new { i.OwnerId, i.Network, i.ExternalId })
            .IsUnique()
            .HasFilter("\"ExternalId\" IS NOT NULL");
        builder.HasIndex(i => new { i.OwnerId, i.Network, i.SenderKey, i.SentMinute })
            .IsUnique()
            .HasFilter("\"ExternalId\" IS NULL");
    }
}
