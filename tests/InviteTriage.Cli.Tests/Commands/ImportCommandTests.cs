namespace InviteTriage.Cli.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private const string Robin = "robin@example.com";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Import_FourColleaguesOfOneFirm_Exits0AndSummarisesOnStdout()
    {
        await _cli.AddMemberAsync(Robin);

        var result = await _cli.ImportRowsAsync(Robin, "colleagues.csv", InvitationCsv.FourColleagues());

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().ContainAll("batch: 1", "added: 4", "duplicates: 0", "skipped: 0", "rejected: 0");
        (await _cli.InvitationsAsync(Robin)).Should().HaveCount(4);
    }

    [Fact]
    public async Task Import_OneRowWithABadSentAt_Exits1NamingFileLineAndFieldAndImportsTheRest()
    {
        await _cli.AddMemberAsync(Robin);
        var rows = InvitationCsv.FourColleagues().Append(InvitationCsv.Row("Pat Quill", "last tuesday", "Quill & Sons"));

        var result = await _cli.ImportRowsAsync(Robin, "mixed.csv", rows);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("mixed.csv:6: sent_at: 'last tuesday'");
        result.Out.Should().ContainAll("added: 4", "rejected: 1");
        (await _cli.InvitationsAsync(Robin)).Strings("senderName").Should().NotContain("Pat Quill").And.HaveCount(4);
    }

    [Fact]
    public async Task Import_MoreBadRowsThanTheBatchKeeps_PrintsEveryOneOnStderrAndCountsThemAll()
    {
        // The batch keeps the first 1,000 (ImportBatch.KeptRejections); DESIGN.md's command line prints each one.
        await _cli.AddMemberAsync(Robin);
        const int bad = 1_200;
        var rows = InvitationCsv.FourColleagues().Concat(Enumerable.Range(0, bad).Select(n => InvitationCsv.Row($"Pat Quill {n}", "last tuesday", "Quill & Sons")));

        var result = await _cli.ImportRowsAsync(Robin, "mixed.csv", rows);

        result.ExitCode.Should().Be(1);
        var rejections = result.Error.Split('\n').Where(line => line.Contains(": sent_at: 'last tuesday'", StringComparison.Ordinal)).ToList();
        rejections.Should().HaveCount(bad).And.OnlyHaveUniqueItems();
        rejections[^1].Should().Contain($"mixed.csv:{bad + 5}: sent_at: 'last tuesday'");
        result.Out.Should().ContainAll("added: 4", $"rejected: {bad}");
    }

    [Fact]
    public async Task Import_JsonFileClaimedToBeCsv_Exits2AndStoresNothing()
    {
        await _cli.AddMemberAsync(Robin);
        var json = _cli.WriteFile("drafts.json", """[{"senderName": "Ada Fenwick", "sentAt": "2025-11-24T09:02:00Z"}]""");

        var result = await _cli.RunAsync("import", "--user", Robin, "--format", "csv", json);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("drafts.json").And.Contain("Nothing was imported");
        result.Out.Should().BeEmpty();
        (await _cli.InvitationsAsync(Robin)).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_AGoodFileAndAMissingOne_Exits2AndStoresNeither()
    {
        await _cli.AddMemberAsync(Robin);
        var good = _cli.WriteFile("good.csv", InvitationCsv.Of(InvitationCsv.FourColleagues()));

        var result = await _cli.RunAsync("import", "--user", Robin, good, _cli.PathOf("missing.csv"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("missing.csv");
        (await _cli.InvitationsAsync(Robin)).Should().BeEmpty();
        (await _cli.HistoryAsync(Robin)).Should().BeEmpty("a refused import leaves no batch and no event behind");
    }

    [Fact]
    public async Task Import_TheSameFileTwice_AddsNothingTheSecondTime()
    {
        await _cli.AddMemberAsync(Robin);
        var file = _cli.WriteFile("colleagues.csv", InvitationCsv.Of(InvitationCsv.FourColleagues()));
        await _cli.RunAsync("import", "--user", Robin, file);

        var again = await _cli.RunAsync("import", "--user", Robin, file);

        again.ExitCode.Should().Be(0, again.Error);
        again.Out.Should().ContainAll("added: 0", "duplicates: 4");
        (await _cli.InvitationsAsync(Robin)).Should().HaveCount(4);
    }

    [Fact]
    public async Task Import_JsonDraftsWithAutoFormat_AreRecognisedByContent()
    {
        await _cli.AddMemberAsync(Robin);
        var json = _cli.WriteFile("drafts.json", """[{"senderName": "Ada Fenwick", "sentAt": "2025-11-24T09:02:00Z", "senderCompany": "Pellmore Rusk"}]""");

        var result = await _cli.RunAsync("import", "--user", Robin, json);

        result.ExitCode.Should().Be(0, result.Error);
        (await _cli.InvitationsAsync(Robin)).Strings("source").Should().Equal("json");
    }

    [Fact]
    public async Task Import_UnknownFormat_Exits2ListingTheFormats()
    {
        await _cli.AddMemberAsync(Robin);
        var file = _cli.WriteFile("colleagues.csv", InvitationCsv.Of(InvitationCsv.FourColleagues()));

        var result = await _cli.RunAsync("import", "--user", Robin, "--format", "xlsx", file);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("'xlsx'").And.Contain("auto|linkedin-zip|linkedin-invitations|linkedin-connections|eml|mbox|csv|json");
        (await _cli.InvitationsAsync(Robin)).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_UnknownMember_Exits2()
    {
        var file = _cli.WriteFile("colleagues.csv", InvitationCsv.Of(InvitationCsv.FourColleagues()));

        var result = await _cli.RunAsync("import", "--user", "nobody@example.com", file);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nobody@example.com");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Import_NoPath_IsAUsageError()
    {
        var result = await _cli.RunAsync("import", "--user", Robin);

        result.ExitCode.Should().Be(2);
        File.Exists(_cli.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public async Task Import_WithStderrRedirected_WritesProgressAsPlainLinesOnStderrOnly()
    {
        await _cli.AddMemberAsync(Robin);

        var result = await _cli.ImportRowsAsync(Robin, "colleagues.csv", InvitationCsv.FourColleagues());

        result.Error.Should().Contain("Reading ").And.Contain("4 rows read").And.NotContain("\r");
        result.Out.Should().NotContain("rows read").And.StartWith("batch: ");
    }

    [Fact]
    public async Task Import_OnATerminal_DrawsABarOnStderrAndClearsItBeforeTheSummary()
    {
        await _cli.AddMemberAsync(Robin);
        var file = _cli.WriteFile("colleagues.csv", InvitationCsv.Of(InvitationCsv.FourColleagues()));

        var result = await _cli.RunOnTerminalAsync("import", "--user", Robin, file);

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().Contain("\r[##############################] 100%").And.EndWith("\r");
        result.Out.Should().StartWith("batch: ");
    }
}
