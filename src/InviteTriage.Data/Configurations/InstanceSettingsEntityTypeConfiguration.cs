using InviteTriage.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal sealed class InstanceSettingsEntityTypeConfiguration : IEntityTypeConfiguration<InstanceSettings>
{
    public void Configure(EntityTypeBuilder<InstanceSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new InstanceSettings { Id = InstanceSettings.SingletonId, RegistrationOpen = false });
    }
}
