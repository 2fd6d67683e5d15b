using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InviteTriage.Data.Database;

/// <summary>Stored times are UTC, whatever the server's time zone.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => ToStored(value),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    /// <summary>
    /// A time as it is stored, by EF Core and by the raw-SQL paths alike. A local time is converted; an unspecified one
    /// is UTC already: it is what SQLite hands back from a raw read (<see cref="StoreCommands"/>), and reading it as the
    /// server's local time would move it by the server's offset on its way back in.
    /// </summary>
    public static DateTime ToStored(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };
}
