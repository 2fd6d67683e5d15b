using InviteTriage.Core.Flocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class FlockCandidateEntityTypeConfiguration : IEntityTypeConfiguration<FlockCandidate>
{
    public void Configure(EntityTypeBuilder<FlockCandidate> builder)
    {
        builder.HasOwner(c => c.OwnerId);
        builder.Property(c => c.CompanyKey).HasMaxLength(400);

        // Detection replaces a stretch of one company's candidates at a time.
        builder.HasIndex(c => new { c.OwnerId, c.CompanyKey, c.FirstSentAt });

        // A move of the data's first or last day re-tests the candidates near it, of every company.
        builder.HasIndex(c => new { c.OwnerId, c.FirstSentAt });
    }
}
