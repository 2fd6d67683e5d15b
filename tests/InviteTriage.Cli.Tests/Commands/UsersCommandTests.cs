namespace InviteTriage.Cli.Tests.Commands;

public sealed class UsersCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task UsersAdd_FirstMember_IsAddedAsAdmin()
    {
        var result = await _cli.RunAsync("users", "add", "--email", "a@example.com", "--password", "a long enough password");

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("a@example.com").And.Contain("admin");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task UsersAdd_SecondMemberWithoutAdminFlag_IsNotAdmin()
    {
        await _cli.RunAsync("users", "add", "--email", "a@example.com", "--password", "a long enough password");

        var result = await _cli.RunAsync("users", "add", "--email", "b@example.com", "--password", "a long enough password");

        result.ExitCode.Should().Be(0);
        result.Out.Should().NotContain("admin");
    }

    [Fact]
    public async Task UsersAdd_DuplicateEmail_Exits2WithAClearMessage()
    {
        await _cli.RunAsync("users", "add", "--email", "a@example.com", "--password", "a long enough password");

        var result = await _cli.RunAsync("users", "add", "--email", "a@example.com", "--password", "a long enough password");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("already exists");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task UsersAdd_WeakPassword_Exits2SayingWhy()
    {
        var result = await _cli.RunAsync("users", "add", "--email", "a@example.com", "--password", "short");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("at least 10 characters");
    }

    [Theory]
    [InlineData("users", "add", "--email", "a@example.com")]
    [InlineData("users", "remove")]
    [InlineData("frobnicate")]
    public async Task BadUsage_Exits2WithoutTouchingTheStore(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().NotBeEmpty();
        File.Exists(_cli.DatabasePath).Should().BeFalse("a usage error must change nothing, not even create the store");
    }

    [Fact]
    public async Task UnwritableDatabase_Exits2NamingThePath()
    {
        var result = await CliRun.RunWithAsync("Data Source=/proc/no-such-folder/store.db", "users", "add", "--email", "a@example.com", "--password", "a long enough password");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("/proc/no-such-folder/store.db");
        result.Error.Should().NotContain("   at ", "the user gets a message, not a stack trace");
    }
}
