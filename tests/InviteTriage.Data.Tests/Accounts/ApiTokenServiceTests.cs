using InviteTriage.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Accounts;

public abstract class ApiTokenServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : ApiTokenServiceTests(store), IClassFixture<SqliteStore>
    {
        /// <summary>
        /// Another process (the CLI importing, say) holds SQLite's write lock past the busy timeout: the token still
        /// authenticates, without its time of use, and its next use writes that time. It used to fail the request.
        /// </summary>
        [Fact]
        public async Task AuthenticateAsync_WhileAnotherProcessHoldsTheStore_StillAuthenticates_AndRecordsTheUseLater()
        {
            // A store of its own that gives up after SQLite's busy timeout, not the 30 s default.
            var own = SqliteStore.With("Default Timeout=1");
            await own.InitializeAsync();
            try
            {
                var email = $"busy-{Guid.NewGuid():N}@example.com";
                var (ownerId, tokens) = await OwnerAsync(own, email);
                var created = await tokens.CreateAsync(ownerId, "script", CancellationToken.None);

                await using (var otherProcess = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={own.DatabasePath};Pooling=False"))
                {
                    await otherProcess.OpenAsync();
                    await using var command = otherProcess.CreateCommand();
                    command.CommandText = "BEGIN IMMEDIATE";
                    await command.ExecuteNonQueryAsync();

                    (await tokens.AuthenticateAsync(created.PlainText, CancellationToken.None)).Should().Be(new TokenHolder(ownerId, email));
                    (await LastUsedAsync(own, created.Token.Id)).Should().BeNull("the store was held, so the use could not be written");
                }

                (await tokens.AuthenticateAsync(created.PlainText, CancellationToken.None)).Should().NotBeNull();
                (await LastUsedAsync(own, created.Token.Id)).Should().NotBeNull("the next use, with the store free, writes it");
            }
            finally
            {
                await own.DisposeAsync();
            }
        }
    }

    public sealed class OnPostgres(PostgresStore store) : ApiTokenServiceTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;

    protected ApiTokenServiceTests(TriageStore store) => _store = store;

    [Fact]
    public async Task CreateAsync_StoresOnlyAHashAndTheTokenAuthenticatesItsOwner()
    {
        var (ownerId, tokens) = await OwnerAsync("token-owner@example.com");

        var created = await tokens.CreateAsync(ownerId, "script", CancellationToken.None);
        var authenticated = await tokens.AuthenticateAsync(created.PlainText, CancellationToken.None);

        authenticated.Should().Be(new TokenHolder(ownerId, "token-owner@example.com"));
        created.PlainText.Should().StartWith(ApiTokenService.TokenPrefix);
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var stored = await db.ApiTokens.SingleAsync(t => t.Id == created.Token.Id);
        stored.TokenHash.Should().Be(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(created.PlainText))),
            "only the SHA-256 of the token is kept");
        stored.LastUsedAt.Should().NotBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("itk_")]
    [InlineData("itk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AuthenticateAsync_MalformedOrUnknownToken_IsRefused(string presented)
    {
        var (_, tokens) = await OwnerAsync($"unknown-{Guid.NewGuid():N}@example.com");

        var authenticated = await tokens.AuthenticateAsync(presented, CancellationToken.None);

        authenticated.Should().BeNull();
    }

    [Fact]
    public async Task RevokeAsync_RevokedToken_NoLongerAuthenticates()
    {
        var (ownerId, tokens) = await OwnerAsync("revoker@example.com");
        var created = await tokens.CreateAsync(ownerId, null, CancellationToken.None);

        var revoked = await tokens.RevokeAsync(ownerId, created.Token.Id, CancellationToken.None);

        revoked.Should().BeTrue();
        (await tokens.AuthenticateAsync(created.PlainText, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task RevokeAsync_AnotherUsersToken_IsNotTouched()
    {
        var (ownerId, tokens) = await OwnerAsync("victim@example.com");
        var (intruderId, _) = await OwnerAsync("intruder@example.com");
        var created = await tokens.CreateAsync(ownerId, null, CancellationToken.None);

        var revoked = await tokens.RevokeAsync(intruderId, created.Token.Id, CancellationToken.None);

        revoked.Should().BeFalse();
        (await tokens.AuthenticateAsync(created.PlainText, CancellationToken.None))!.OwnerId.Should().Be(ownerId);
    }

    private static async Task<DateTime?> LastUsedAsync(TriageStore store, long tokenId)
    {
        await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        return await db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.LastUsedAt).SingleAsync();
    }

    private Task<(string OwnerId, ApiTokenService Tokens)> OwnerAsync(string email) => OwnerAsync(_store, email);

    private static async Task<(string OwnerId, ApiTokenService Tokens)> OwnerAsync(TriageStore store, string email)
    {
        await using var scope = store.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(email, "a long enough password", admin: false, CancellationToken.None);

        // The token service uses only the context factory, so it outlives the scope.
        return (result.User!.Id, store.Services.GetRequiredService<ApiTokenService>());
    }
}
