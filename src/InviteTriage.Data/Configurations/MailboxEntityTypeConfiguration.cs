using InviteTriage.Core.Mailboxes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class MailboxEntityTypeConfiguration : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> builder)
    {
        builder.HasKey(m => m.OwnerId);
        builder.HasOwner(m => m.OwnerId);
        builder.Property(m => m.Host).HasMaxLength(255);
        builder.Property(m => m.UserName).HasMaxLength(320);
        builder.Property(m => m.ProtectedPassword).HasMaxLength(4000);
        builder.Property(m => m.Folder).HasMaxLength(400);
        builder.Property(m => m.AcceptedFolder).HasMaxLength(400);
        builder.Property(m => m.ArchivedFolder).HasMaxLength(400);
        builder.Property(m => m.NotKnownFolder).HasMaxLength(400);
        builder.Property(m => m.LastError).HasMaxLength(2000);
    }
}
