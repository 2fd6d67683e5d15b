using System.Net;

namespace InviteTriage.Web.Tests;

[Collection(WebHostGroup.Name)]
public sealed class HealthTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public HealthTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_WithoutSignIn_SaysHealthyWhenTheDatabaseAnswers()
    {
        var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
        File.Exists(_factory.DatabasePath).Should().BeTrue("the app must use the configured database");
    }

    [Fact]
    public async Task OpenApiDocument_IsPublished()
    {
        var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("/api/invitations");
    }
}
