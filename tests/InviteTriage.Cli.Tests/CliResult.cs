using System.Text.Json;

namespace InviteTriage.Cli.Tests;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Stdout parsed as the JSON array that the <c>--json</c> verbs print; throws if it is anything else.</summary>
    public IReadOnlyList<JsonElement> JsonArray()
    {
        using var document = JsonDocument.Parse(Out);
        document.RootElement.ValueKind.Should().Be(JsonValueKind.Array, "--json prints a JSON array");
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
