using InviteTriage.Core.Invitations;
using InviteTriage.Core.Mailboxes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class MailboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<MailboxMessage>
{
    public void Configure(EntityTypeBuilder<MailboxMessage> builder)
    {
        builder.HasOwner(m => m.OwnerId);
        builder.Property(m => m.Folder).HasMaxLength(400);
        builder.Property(m => m.MessageId).HasMaxLength(1000);

        // Undoing the import that added an invitation forgets where its e-mail lies.
        builder.HasOne<Invitation>().WithMany().HasForeignKey(m => m.InvitationId).OnDelete(DeleteBehavior.Cascade);

        // Filing looks up the e-mails of the decided invitations.
        builder.HasIndex(m => new { m.OwnerId, m.InvitationId });
        // One row per message on the server: a re-read after a lost UIDVALIDITY or a second sync adds none.
        builder.HasIndex(m => new { m.OwnerId, m.Folder, m.UidValidity, m.Uid }).IsUnique();
    }
}
