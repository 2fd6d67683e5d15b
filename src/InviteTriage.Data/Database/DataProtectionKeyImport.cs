using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Database;

/// <summary>
/// Versions before the keys moved into the store kept them as files in the data folder. Once, while the store has no
/// keys yet, those files are copied in, so that mailbox passwords stay readable and nobody is signed out. The files
/// are left where they are, so going back to an older version still works.
/// </summary>
public sealed class DataProtectionKeyImport(string folder)
{
    public async Task RunAsync(TriageDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var files = Directory.GetFiles(folder, "*.xml");
        if (files.Length == 0)
        {
            return;
        }

        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            // The file system repository names each file after the key's friendly name, as the database one stores it.
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false),
            });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Copied {Keys} Data Protection keys from {Folder} into the database", files.Length, folder);
        }
    }
}
