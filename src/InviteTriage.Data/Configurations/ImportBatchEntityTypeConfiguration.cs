using System.Text.Json;
using InviteTriage.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class ImportBatchEntityTypeConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.HasOwner(b => b.OwnerId);
        builder.Property(b => b.Format).HasMaxLength(40);
        builder.Property(b => b.Skipped)
            .HasConversion(
                skipped => JsonSerializer.Serialize(skipped, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, int>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, int>(),
                new ValueComparer<Dictionary<string, int>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    d => d.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    d => new Dictionary<string, int>(d)));
        builder.HasIndex(b => new { b.OwnerId, b.StartedAt });
    }
}
