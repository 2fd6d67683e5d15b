using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace InviteTriage.Data.Mailboxes;

/// <summary>
/// <c>Mailboxes:SyncInterval</c> (default 15 minutes; zero turns the background sync off) and <c>Mailboxes:Timeout</c>
/// (default 30 seconds: the longest wait for the server to connect and log in, and for any one answer after that).
/// </summary>
public sealed record MailboxOptions
{
    public static readonly TimeSpan DefaultSyncInterval = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan SyncInterval { get; init; } = DefaultSyncInterval;
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public static MailboxOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new MailboxOptions
        {
            SyncInterval = Read(configuration, "Mailboxes:SyncInterval") ?? DefaultSyncInterval,
            Timeout = Read(configuration, "Mailboxes:Timeout") is { } timeout && timeout > TimeSpan.Zero ? timeout : DefaultTimeout,
        };
    }

    private static TimeSpan? Read(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A wrong value stops the start with its key named, rather than syncing at some surprising pace.
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{key} is '{text}'; write it as hh:mm:ss, for example 00:15:00.");
    }
}
