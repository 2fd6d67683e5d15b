using InviteTriage.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Accounts;

/// <summary>Each test gets its own empty store, because "the first account" is a property of the whole instance.</summary>
public abstract class AccountServiceTests(TriageStore store) : IAsyncLifetime
{
    public sealed class OnSqlite() : AccountServiceTests(new SqliteStore());

    public sealed class OnPostgres() : AccountServiceTests(new PostgresStore());

    private readonly TriageStore _store = store;

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task RegisterAsync_FirstAccount_BecomesAdminAndClosesRegistration()
    {
        await using var scope = _store.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var instance = scope.ServiceProvider.GetRequiredService<InstanceSettingsService>();
        var openBefore = await instance.IsRegistrationOpenAsync(CancellationToken.None);

        var first = await accounts.RegisterAsync("first@example.com", "a long enough password", CancellationToken.None);

        openBefore.Should().BeTrue();
        first.Success.Should().BeTrue();
        first.IsAdmin.Should().BeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TriageUser>>();
        (await users.IsInRoleAsync(first.User!, Roles.Admin)).Should().BeTrue();
        (await instance.IsRegistrationOpenAsync(CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task RegisterAsync_SecondAccountWhileClosed_IsRefusedAndCreatesNothing()
    {
        await using var scope = _store.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.RegisterAsync("first@example.com", "a long enough password", CancellationToken.None);

        var second = await accounts.RegisterAsync("second@example.com", "a long enough password", CancellationToken.None);

        second.Success.Should().BeFalse();
        second.Errors.Should().ContainSingle().Which.Should().Contain("closed");
        (await accounts.FindByEmailAsync("second@example.com")).Should().BeNull();
    }

    [Fact]
    public async Task RegisterAsync_SecondAccountAfterAdminOpensRegistration_IsAMemberNotAnAdmin()
    {
        await using var scope = _store.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.RegisterAsync("first@example.com", "a long enough password", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<InstanceSettingsService>().SetRegistrationOpenAsync(true, CancellationToken.None);

        var second = await accounts.RegisterAsync("second@example.com", "a long enough password", CancellationToken.None);

        second.Success.Should().BeTrue();
        second.IsAdmin.Should().BeFalse();
    }

    [Theory]
    [InlineData("short", "at least 10 characters")]
    [InlineData("aaaaaaaaaaaa", "different characters")]
    public async Task CreateUserAsync_WeakPassword_SaysWhy(string password, string expected)
    {
        await using var scope = _store.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var result = await accounts.CreateUserAsync("weak@example.com", password, admin: false, CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CreateUserAsync_AdminFlag_MakesALaterMemberAnAdmin()
    {
        await using var scope = _store.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync("first@example.com", "a long enough password", admin: false, CancellationToken.None);

        var second = await accounts.CreateUserAsync("second@example.com", "a long enough password", admin: true, CancellationToken.None);

        second.IsAdmin.Should().BeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TriageUser>>();
        (await users.IsInRoleAsync(second.User!, Roles.Admin)).Should().BeTrue();
    }

    [Fact]
    public async Task CreateUserAsync_DuplicateEmail_SaysSoOnce()
    {
        await using var scope = _store.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync("dup@example.com", "a long enough password", admin: false, CancellationToken.None);

        var again = await accounts.CreateUserAsync("dup@example.com", "another long password", admin: false, CancellationToken.None);

        again.Success.Should().BeFalse();
        again.Errors.Should().ContainSingle().Which.Should().Contain("already exists");
    }
}
