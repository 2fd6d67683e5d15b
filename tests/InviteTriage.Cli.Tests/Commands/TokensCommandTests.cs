using InviteTriage.Data.Accounts;
using InviteTriage.Data.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InviteTriage.Cli.Tests.Commands;

public sealed class TokensCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task TokensCreate_PrintsOnlyTheTokenAndItAuthenticatesTheMember()
    {
        await _cli.RunAsync("users", "add", "--email", "a@example.com", "--password", "a long enough password");

        var result = await _cli.RunAsync("tokens", "create", "--user", "a@example.com", "--name", "script");

        result.ExitCode.Should().Be(0);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle().Which.Should().StartWith(ApiTokenService.TokenPrefix);
        (await OwnerOfAsync(lines[0])).Should().NotBeNull();
    }

    [Fact]
    public async Task TokensCreate_UnknownMember_Exits2AndPrintsNoToken()
    {
        var result = await _cli.RunAsync("tokens", "create", "--user", "nobody@example.com");

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Contain("nobody@example.com");
    }

    private async Task<string?> OwnerOfAsync(string token)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:InviteTriage"] = $"Data Source={_cli.DatabasePath}" });
        builder.Services.AddLogging();
        InviteTriage.Data.DependencyInjection.AddTriageData(builder);
        using var host = builder.Build();
        await TriageDatabase.MigrateAsync(host.Services, CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().AuthenticateAsync(token, CancellationToken.None))?.OwnerId;
    }
}
