using InviteTriage.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class UserSettingsEntityTypeConfiguration : IEntityTypeConfiguration<UserSettings>
{
    public void Configure(EntityTypeBuilder<UserSettings> builder)
    {
        builder.HasKey(s => s.OwnerId);
        builder.HasOwner(s => s.OwnerId);
    }
}
