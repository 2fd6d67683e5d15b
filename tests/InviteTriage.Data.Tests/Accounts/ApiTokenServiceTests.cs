using InviteTriage.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Accounts;

public abstract class ApiTokenServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : ApiTokenServiceTests(store), IClassFixture<SqliteStore>;

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

    private async Task<(string OwnerId, ApiTokenService Tokens)> OwnerAsync(string email)
    {
        await using var scope = _store.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(email, "a long enough password", admin: false, CancellationToken.None);

        // The token service uses only the context factory, so it outlives the scope.
        return (result.User!.Id, _store.Services.GetRequiredService<ApiTokenService>());
    }
}
