using System.Net;

namespace InviteTriage.Web.Tests.Api;

[Collection(WebHostGroup.Name)]
public sealed class OpenApiDocumentTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public OpenApiDocumentTests(TriageWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/api/invitations", "get")]
    [InlineData("/api/invitations", "post")]
    [InlineData("/api/invitations/{id}", "get")]
    [InlineData("/api/invitations/actions", "post")]
    [InlineData("/api/flocks", "get")]
    [InlineData("/api/flocks/{id}", "get")]
    [InlineData("/api/flocks/{id}/actions", "post")]
    [InlineData("/api/history", "get")]
    [InlineData("/api/history/{id}/undo", "post")]
    public async Task OpenApiDocument_ListsTheRoute(string path, string method)
    {
        var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = await ApiMember.JsonAsync(response);
        document.GetProperty("paths").TryGetProperty(path, out var operations).Should().BeTrue($"{path} must be documented");
        operations.TryGetProperty(method, out _).Should().BeTrue($"{method.ToUpperInvariant()} {path} must be documented");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheDraftsBody()
    {
        var client = _factory.CreateBrowserClient();

        var document = await ApiMember.JsonAsync(await client.GetAsync("/openapi/v1.json"));

        var body = document.GetProperty("paths").GetProperty("/api/invitations").GetProperty("post").GetProperty("requestBody");
        body.GetRawText().Should().Contain("application/json");
        document.GetProperty("components").GetRawText().Should().Contain("senderProfileUrl").And.Contain("sentAt");
    }
}
