using System.Text.Json;

namespace InviteTriage.Cli.Tests;

/// <summary>The steps the verb tests are made of, each one run through the real command line.</summary>
public static class CliSteps
{
    public static async Task<CliResult> ImportRowsAsync(this CliRun cli, string email, string fileName, IEnumerable<string> rows) =>
        await cli.RunAsync("import", "--user", email, cli.WriteFile(fileName, InvitationCsv.Of(rows)));

    /// <summary>A member whose import of four colleagues of one firm succeeded; returns their e-mail.</summary>
    public static async Task<string> MemberWithFourColleaguesAsync(this CliRun cli, string email = "robin@example.com", string company = "Pellmore Rusk LLP")
    {
        await cli.AddMemberAsync(email);
        var imported = await cli.ImportRowsAsync(email, $"{email}-colleagues.csv", InvitationCsv.FourColleagues(company));
        imported.ExitCode.Should().Be(0, imported.Error);
        return email;
    }

    public static async Task<IReadOnlyList<JsonElement>> FlocksAsync(this CliRun cli, string email, string status = "all") =>
        await JsonOfAsync(cli, "flocks", "--user", email, "--status", status, "--json");

    public static async Task<IReadOnlyList<JsonElement>> InvitationsAsync(this CliRun cli, string email, string status = "all") =>
        await JsonOfAsync(cli, "invitations", "--user", email, "--status", status, "--json");

    public static async Task<IReadOnlyList<JsonElement>> HistoryAsync(this CliRun cli, string email) =>
        await JsonOfAsync(cli, "history", "--user", email, "--json");

    public static IEnumerable<string> Strings(this IEnumerable<JsonElement> elements, string property) =>
        elements.Select(e => e.GetProperty(property).GetString()!);

    private static async Task<IReadOnlyList<JsonElement>> JsonOfAsync(CliRun cli, params string[] args)
    {
        var result = await cli.RunAsync(args);
        result.ExitCode.Should().Be(0, result.Error);
        return result.JsonArray();
    }
}
