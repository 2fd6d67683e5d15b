using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace InviteTriage.Web.Tests.Api;

/// <summary>A member of the instance who talks to the API with a token of their own.</summary>
internal sealed class ApiMember
{
    private ApiMember(string ownerId, string email, HttpClient client)
    {
        OwnerId = ownerId;
        Email = email;
        Client = client;
    }

    public string OwnerId { get; }

    public string Email { get; }

    public HttpClient Client { get; }

    public static async Task<ApiMember> CreateAsync(TriageWebFactory factory, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        var (ownerId, token) = await factory.CreateMemberWithTokenAsync(email);
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiMember(ownerId, email, client);
    }

    /// <summary>A browser client signed in as this member through the sign-in form, for the pages.</summary>
    public async Task<HttpClient> SignInAsync(TriageWebFactory factory)
    {
        var browser = factory.CreateBrowserClient();
        var response = await SsrForm.PostAsync(browser, "/account/login", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = "a long enough password",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the member must be able to sign in");
        return browser;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        PostRawAsync(path, JsonSerializer.Serialize(body));

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string mediaType = "application/json") =>
        Client.PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));

    /// <summary>A GET that must succeed, as JSON.</summary>
    public async Task<JsonElement> GetOkAsync(string path)
    {
        var response = await Client.GetAsync(path);
        return await OkJsonAsync(response, $"GET {path}");
    }

    /// <summary>A POST that must succeed, as JSON.</summary>
    public async Task<JsonElement> PostOkAsync(string path, object body)
    {
        var response = await PostJsonAsync(path, body);
        return await OkJsonAsync(response, $"POST {path}");
    }

    public async Task<JsonElement> SingleFlockAsync()
    {
        var flocks = await GetOkAsync("/api/flocks");
        flocks.GetArrayLength().Should().Be(1, "the colleagues' invitations must make exactly one flock");
        return flocks[0];
    }

    public async Task<string> StatusOfAsync(long invitationId)
    {
        var detail = await GetOkAsync($"/api/invitations/{invitationId}");
        return detail.GetProperty("invitation").GetProperty("status").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, string request)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{request} must succeed, but answered {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
