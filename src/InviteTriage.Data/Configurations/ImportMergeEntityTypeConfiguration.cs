using InviteTriage.Core.Imports;
using InviteTriage.Core.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class ImportMergeEntityTypeConfiguration : IEntityTypeConfiguration<ImportMerge>
{
    public void Configure(EntityTypeBuilder<ImportMerge> builder)
    {
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(m => m.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Invitation>().WithMany().HasForeignKey(m => m.InvitationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ImportBatchId);
        builder.HasIndex(m => m.InvitationId);
    }
}
