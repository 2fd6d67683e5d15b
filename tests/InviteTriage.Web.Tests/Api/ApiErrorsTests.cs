using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InviteTriage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Web.Tests.Api;

/// <summary>Requests the API cannot use get the status that says why, with problem details, never a redirect or a 500.</summary>
[Collection(WebHostGroup.Name)]
public sealed class ApiErrorsTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public ApiErrorsTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task UnknownRoute_WithAValidToken_Is404Problem()
    {
        var client = await ClientAsync();

        var response = await client.GetAsync("/api/no-such-thing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task ActionBodyAsPlainText_Is415NotANotFound()
    {
        var client = await ClientAsync();

        var response = await client.PostAsync("/api/invitations/actions", new StringContent("ids=1", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ActionBodyOfTheWrongShape_Is400SayingWhatDidNotBind()
    {
        var client = await ClientAsync();

        var response = await client.PostAsync("/api/invitations/actions", new StringContent("""{"ids": "x", "action": "accept"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"detail\"").And.Contain("JSON");
    }

    [Fact]
    public async Task ADecisionThatWaitsPastItsLimitForAnotherChange_Is503SayingTheStoreIsBusy()
    {
        using var factory = TriageWebFactory.WithConnectionOptions("Default Timeout=1");
        var member = await ApiMember.CreateAsync(factory, "busy");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Busy Bee"));
        var id = (await member.GetOkAsync("/api/invitations")).GetProperty("items")[0].GetProperty("id").GetInt64();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        await using var longChange = await db.Database.BeginTransactionAsync();

        var response = await member.PostJsonAsync("/api/invitations/actions", new { ids = new[] { id }, action = "accept" });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("The store is busy").And.Contain("try again");
    }

    /// <summary>
    /// Another process (the CLI importing, say) holds SQLite's write lock: the app's writer outwaits SQLite's busy
    /// timeout and meets "database is locked", which is the same busy store, not a server error.
    /// </summary>
    [Fact]
    public async Task ADecisionWhileAnotherProcessHoldsTheStore_Is503SayingTheStoreIsBusy()
    {
        using var factory = TriageWebFactory.WithConnectionOptions("Default Timeout=1");
        var member = await ApiMember.CreateAsync(factory, "held");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Held Back"));
        var id = (await member.GetOkAsync("/api/invitations")).GetProperty("items")[0].GetProperty("id").GetInt64();
        await using var otherProcess = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await otherProcess.OpenAsync();
        await using var hold = otherProcess.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE";
        await hold.ExecuteNonQueryAsync();

        var response = await member.PostJsonAsync("/api/invitations/actions", new { ids = new[] { id }, action = "accept" });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("The store is busy").And.Contain("Try again").And.NotContain("SQLite");
    }

    private async Task<HttpClient> ClientAsync()
    {
        var (_, token) = await _factory.CreateMemberWithTokenAsync($"{Guid.NewGuid():N}@example.com");
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
