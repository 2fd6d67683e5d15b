using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace InviteTriage.Web.Tests.Api;

[Collection(WebHostGroup.Name)]
public sealed class ImportsApiTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public ImportsApiTests(TriageWebFactory factory) => _factory = factory;

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    [Fact]
    public async Task PostImports_ExportAndMailbox_MergesThemAndTheBatchCanBeReadAndUndone()
    {
        var client = await ClientAsync();

        var posted = await client.PostAsync("/api/imports", Files(Sample("Invitations.csv"), Sample("invitations.mbox")));

        posted.StatusCode.Should().Be(HttpStatusCode.OK);
        using var summary = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        summary.RootElement.GetProperty("added").GetInt32().Should().Be(7);
        summary.RootElement.GetProperty("merged").GetInt32().Should().Be(4);
        summary.RootElement.GetProperty("skipped").GetProperty("outgoing").GetInt32().Should().Be(2);
        summary.RootElement.GetProperty("rejectedCount").GetInt32().Should().Be(0);
        var batchId = summary.RootElement.GetProperty("batchId").GetInt64();

        var batch = await client.GetAsync($"/api/imports/{batchId}");
        (await batch.Content.ReadAsStringAsync()).Should().Contain("\"state\":\"completed\"").And.Contain("invitations.mbox").And.Contain("\"rejectedCount\":0");

        var undo = await client.DeleteAsync($"/api/imports/{batchId}");

        undo.StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetStringAsync("/api/invitations")).Should().Contain("\"total\":0");
        (await client.GetStringAsync($"/api/imports/{batchId}")).Should().Contain("\"state\":\"undone\"");
    }

    [Fact]
    public async Task PostImports_APictureRenamedToCsv_IsRefusedAndStoresNothing()
    {
        var client = await ClientAsync();
        var picture = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(picture, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

        var posted = await client.PostAsync("/api/imports?format=csv", Files(picture));

        posted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await posted.Content.ReadAsStringAsync()).Should().Contain("nothing was stored");
        (await client.GetStringAsync("/api/invitations")).Should().Contain("\"total\":0");
        File.Delete(picture);
    }

    [Fact]
    public async Task ImportIds_OfAnotherMember_Are404()
    {
        var owner = await ClientAsync();
        var posted = await owner.PostAsync("/api/imports", Files(Sample("invitations.mbox")));
        using var summary = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        var batchId = summary.RootElement.GetProperty("batchId").GetInt64();
        var stranger = await ClientAsync();

        var read = await stranger.GetAsync($"/api/imports/{batchId}");
        var undo = await stranger.DeleteAsync($"/api/imports/{batchId}");

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        undo.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await owner.GetStringAsync($"/api/imports/{batchId}")).Should().Contain("\"state\":\"completed\"");
    }

    [Fact]
    public async Task PostImports_OverTheUploadLimit_Is413SayingTheLimit()
    {
        using var small = TriageWebFactory.With(new Dictionary<string, string> { ["Imports:MaxUploadBytes"] = "2048" });
        var (_, token) = await small.CreateMemberWithTokenAsync("big@example.com");
        var client = small.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var posted = await client.PostAsync("/api/imports", Files(Sample("invitations.mbox")));

        posted.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await posted.Content.ReadAsStringAsync()).Should().Contain("at most");
    }

    private static MultipartFormDataContent Files(params string[] paths)
    {
        var content = new MultipartFormDataContent();
        foreach (var path in paths)
        {
            content.Add(new ByteArrayContent(File.ReadAllBytes(path)), "files", Path.GetFileName(path));
        }

        return content;
    }

    private async Task<HttpClient> ClientAsync()
    {
        var (_, token) = await _factory.CreateMemberWithTokenAsync($"{Guid.NewGuid():N}@example.com");
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
