using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using InviteTriage.Core.Accounts;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Accounts;

/// <summary>
/// Personal access tokens. A token is 32 random bytes, so a plain SHA-256 of it is enough at rest:
/// slow password hashes guard guessable secrets, and these cannot be guessed.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<TriageDbContext> dbFactory, TimeProvider time, ILogger<ApiTokenService> logger)
{
    public const string TokenPrefix = "itk_";

    // Writing LastUsedAt on every request would turn every read into a write; a minute is precise enough.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // The tokens whose use is being written now. A script's many requests at once all see the same stale LastUsedAt
    // until the first write commits; one of them writes it, the others go on.
    private readonly ConcurrentDictionary<long, byte> _recording = new();

    public async Task<CreatedApiToken> CreateAsync(string ownerId, string? name, CancellationToken cancellationToken)
    {
        var plainText = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            OwnerId = ownerId,
            Name = string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim(),
            TokenHash = Hash(plainText),
            Prefix = plainText[..(TokenPrefix.Length + 6)],
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(token, plainText);
    }

    /// <summary>The member a live token acts for, or null for a malformed, unknown or revoked one.</summary>
    public async Task<TokenHolder?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await (
                from t in db.ApiTokens
                join user in db.Users on t.OwnerId equals user.Id
                where t.TokenHash == hash && t.RevokedAt == null
                select new { t.Id, t.OwnerId, user.Email, t.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if ((token.LastUsedAt is null || now - token.LastUsedAt.Value >= LastUsedResolution) && _recording.TryAdd(token.Id, 0))
        {
            try
            {
                await RecordUseAsync(db, token.Id, now, cancellationToken);
            }
            finally
            {
                _recording.TryRemove(token.Id, out _);
            }
        }

        return new TokenHolder(token.OwnerId, token.Email);
    }

    /// <summary>
    /// Writes when the token was last used, in a transaction of its own so that it takes its turn with the other writers
    /// (a lone UPDATE met SQLite's busy wait instead, and under load lost to the queue for 35 s and failed the request).
    /// The time of use is a record, not what the request came for: a store too busy to take it does not fail the request,
    /// and the token's next use writes it.
    /// </summary>
    private async Task RecordUseAsync(TriageDbContext db, long tokenId, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.ApiTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException ex) when (StoreBusyException.IsBusy(ex))
        {
            logger.LogWarning("Did not record the use of API token {TokenId}: {Reason}", tokenId, ex.Message);
        }
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.OwnerId == ownerId)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of the owner's tokens; false when there is no such token of theirs.</summary>
    public async Task<bool> RevokeAsync(string ownerId, long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var revoked = await db.ApiTokens
            .Where(t => t.Id == id && t.OwnerId == ownerId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return revoked == 1;
    }

    private static string Hash(string plainText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainText)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
