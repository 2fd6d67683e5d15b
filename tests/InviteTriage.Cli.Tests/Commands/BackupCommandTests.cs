namespace InviteTriage.Cli.Tests.Commands;

public sealed class BackupCommandTests : IDisposable
{
    private const string Robin = "robin@example.com";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Backup_OfAStoreWithData_WritesOneFileThatTheVerbsReadAsTheStore()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var path = _cli.PathOf("backups/monday.db");

        var result = await _cli.RunAsync("backup", "--out", path);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("Backed up 4 invitation(s) of 1 member(s) to").And.Contain(path);
        result.Error.Should().Contain("holds the keys", "the data protection keys are in the database now, and so in the copy");
        File.Exists(path + "-wal").Should().BeFalse();
        var restored = await CliRun.RunWithAsync($"Data Source={path}", "invitations", "--user", Robin, "--json");
        restored.ExitCode.Should().Be(0, restored.Error);
        restored.JsonArray().Strings("senderName").Should().BeEquivalentTo((await _cli.InvitationsAsync(Robin)).Strings("senderName"));
    }

    [Fact]
    public async Task Backup_OntoAnExistingFile_Exits2AndLeavesTheFileAlone()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var existing = _cli.WriteFile("keep-me.db", "precious");

        var result = await _cli.RunAsync("backup", "--out", existing);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("already exists");
        (await File.ReadAllTextAsync(existing)).Should().Be("precious");
    }

    [Fact]
    public async Task Backup_WithoutOut_IsAUsageError()
    {
        var result = await _cli.RunAsync("backup");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--out");
    }
}
