using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InviteTriage.Corpus;

namespace InviteTriage.Web.Tests.Api;

/// <summary>
/// Every file of the hostile corpus uploaded to <c>POST /api/imports</c>: never a 500, a 400 problem naming the file
/// with the store unchanged when it is refused, <c>file:line: reason</c> rejections otherwise, and 413 for the file that
/// is larger than the upload limit these tests set.
/// </summary>
[Collection(WebHostGroup.Name)]
public sealed class ImportsApiCorpusTests : IClassFixture<ImportsApiCorpusTests.UploadLimitedApp>
{
    /// <summary>Above the corpus's 10 MB fields, below its 13 MB runaway quote.</summary>
    private const long UploadLimit = 12L * 1024 * 1024;

    private readonly UploadLimitedApp _app;

    public ImportsApiCorpusTests(UploadLimitedApp app) => _app = app;

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task PostImports_HostileFile_AnswersAsTheCorpusSays(string name)
    {
        var file = HostileCorpus.Get(name);
        using var copy = await file.MaterializeAsync();
        var client = await _app.ClientAsync();
        var before = await StoreChecksum.OfAsync(_app.Factory.DatabasePath);

        using var response = await UploadAsync(client, copy).WaitAsync(HostileCorpus.TimeoutPerFile);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().NotBe(HttpStatusCode.InternalServerError, body);
        if (copy.Length > UploadLimit)
        {
            response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, body);
            (await StoreChecksum.OfAsync(_app.Factory.DatabasePath)).Should().Be(before, "a refused upload changes nothing");
            return;
        }

        switch (file.Expected)
        {
            case CorpusOutcome.Refused:
                response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
                Json(body).GetProperty("detail").GetString().Should().Contain(copy.FileName);
                (await StoreChecksum.OfAsync(_app.Factory.DatabasePath)).Should().Be(before, "a refused file changes nothing");
                break;
            case CorpusOutcome.Partial:
                response.StatusCode.Should().Be(HttpStatusCode.OK, body);
                Rejections(body).Should().NotBeEmpty().And.OnlyContain(r => HostileCorpus.IsRejectionOf(r, copy.FileName));
                break;
            default:
                response.StatusCode.Should().Be(HttpStatusCode.OK, body);
                Rejections(body).Should().BeEmpty();
                break;
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, CorpusCopy copy)
    {
        using var form = new MultipartFormDataContent();
        var content = new StreamContent(File.OpenRead(copy.Path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "files", copy.FileName);
        return await client.PostAsync("/api/imports", form);
    }

    private static JsonElement Json(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static List<string> Rejections(string body) =>
        [.. Json(body).GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("error").GetString()!)];

    /// <summary>The app with a 12 MB upload limit and one member whose token every upload uses.</summary>
    public sealed class UploadLimitedApp : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private HttpClient? _client;

        public TriageWebFactory Factory { get; } = TriageWebFactory.With(new Dictionary<string, string>
        {
            ["Imports:MaxUploadBytes"] = UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        public async Task<HttpClient> ClientAsync()
        {
            await _gate.WaitAsync();
            try
            {
                if (_client is null)
                {
                    var (_, token) = await Factory.CreateMemberWithTokenAsync("corpus@example.com");
                    var client = Factory.CreateBrowserClient();
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    client.Timeout = HostileCorpus.TimeoutPerFile;
                    _client = client;
                }

                return _client;
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose()
        {
            _client?.Dispose();
            Factory.Dispose();
            _gate.Dispose();
        }
    }
}
