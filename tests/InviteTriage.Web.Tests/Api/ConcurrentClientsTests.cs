using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace InviteTriage.Web.Tests.Api;

/// <summary>
/// Two API clients of one member decide on the same flock at the same moment, one accepting and one archiving, a
/// hundred times over: no request fails, every decision a client was told of is in the history, and the flock ends
/// as the decision that committed.
/// </summary>
[Collection(WebHostGroup.Name)]
public sealed class ConcurrentClientsTests : IClassFixture<TriageWebFactory>
{
    private const int Rounds = 100;
    private readonly TriageWebFactory _factory;

    public ConcurrentClientsTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task AcceptAgainstArchive_AHundredTimes_NoRequestFailsAndTheHistoryHoldsEveryDecision()
    {
        var first = await ApiMember.CreateAsync(_factory, "two-clients");
        using var second = _factory.CreateBrowserClient();
        second.DefaultRequestHeaders.Authorization = first.Client.DefaultRequestHeaders.Authorization;
        await first.PostOkAsync("/api/invitations", Drafts.FourColleagues("Harrow & Vane"));
        var flockId = (await first.SingleFlockAsync()).GetProperty("id").GetInt64();
        var told = new List<long>();

        for (var round = 0; round < Rounds; round++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var accept = Task.Run(async () => { await start.Task; return await ActAsync(first.Client, flockId, "accept"); });
            var archive = Task.Run(async () => { await start.Task; return await ActAsync(second, flockId, "archive"); });
            start.SetResult();

            var answers = await Task.WhenAll(accept, archive);

            answers.Select(a => a.Status).Should().OnlyContain(s => s == HttpStatusCode.OK, $"round {round}: {string.Join(" / ", answers.Select(a => a.Body))}");
            var committed = answers.Where(a => a.Changed > 0).Should().ContainSingle($"round {round}: whichever commits second finds nothing pending").Subject;
            told.Add(committed.EventId!.Value);
            var statuses = (await first.SingleFlockAsync()).GetProperty("members").EnumerateArray().Select(m => m.GetProperty("status").GetString());
            statuses.Should().OnlyContain(s => s == committed.StatusAfter, $"round {round} ended with the decision that committed");

            var restore = await ActAsync(first.Client, flockId, "restore");
            told.Add(restore.EventId!.Value);
        }

        var history = await first.GetOkAsync($"/api/history?kind=status-changed&pageSize={4 * Rounds}");
        history.GetProperty("total").GetInt32().Should().Be(2 * Rounds);
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order()
            .Should().Equal(told, "every decision a client was told of is there, and nothing else");
    }

    private static async Task<Answer> ActAsync(HttpClient client, long flockId, string action)
    {
        using var response = await client.PostAsync($"/api/flocks/{flockId}/actions", JsonContent.Create(new { action }));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Answer(response.StatusCode, body, 0, null, action);
        }

        using var json = JsonDocument.Parse(body);
        var eventId = json.RootElement.GetProperty("eventId");
        return new Answer(response.StatusCode, body, json.RootElement.GetProperty("changed").GetInt32(),
            eventId.ValueKind == JsonValueKind.Null ? null : eventId.GetInt64(), action);
    }

    private sealed record Answer(HttpStatusCode Status, string Body, int Changed, long? EventId, string Action)
    {
        /// <summary>The status an invitation has after this action.</summary>
        public string StatusAfter => Action switch
        {
            "accept" => "accepted",
            "archive" => "archived",
            _ => "pending",
        };
    }
}
