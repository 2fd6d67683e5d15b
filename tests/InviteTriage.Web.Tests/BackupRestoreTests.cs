using System.Text.Json;
using InviteTriage.Corpus;
using InviteTriage.Data.Database;
using InviteTriage.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Web.Tests;

/// <summary>
/// <c>invitetriage backup</c>'s copy, taken while the app runs, restored into a fresh app: the same rows, the same
/// answers from the API, and consistent even when the app was deciding while it was taken.
/// </summary>
[Collection(WebHostGroup.Name)]
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-backups", Guid.NewGuid().ToString("N"));

    public BackupRestoreTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ABackupRestoredIntoAFreshApp_HasTheSameRowsAndTheApiAnswersTheSame()
    {
        using var live = new TriageWebFactory();
        var robin = await ApiMember.CreateAsync(live, "robin");
        var other = await ApiMember.CreateAsync(live, "other");
        await robin.PostOkAsync("/api/invitations", Drafts.FourColleagues("Blum Shapiro"));
        await other.PostOkAsync("/api/invitations", Drafts.FourColleagues("Vogt Legal"));
        var flockId = (await robin.SingleFlockAsync()).GetProperty("id").GetInt64();
        var decision = await robin.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "not-known" });
        await robin.PostOkAsync($"/api/history/{decision.GetProperty("eventId").GetInt64()}/undo", new { });
        await robin.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "archive" });
        string[] reads = ["/api/invitations", "/api/flocks?status=all", $"/api/flocks/{flockId}", "/api/history"];
        var before = await ReadAllAsync(robin.Client, reads);
        var path = Path.Combine(_folder, "nightly.db");

        var result = await live.Services.GetRequiredService<StoreBackup>().WriteAsync(path, CancellationToken.None);

        result.Error.Should().BeNull();
        (result.Members, result.Invitations).Should().Be((2, 8));
        File.Exists(path + "-wal").Should().BeFalse("the backup is one self-contained file");
        using var restored = TriageWebFactory.RestoredFrom(path);
        using var client = restored.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = robin.Client.DefaultRequestHeaders.Authorization;
        (await ReadAllAsync(client, reads)).Should().Equal(before, "the restored app answers exactly as the live one did");
        (await StoreChecksum.OfAsync(restored.DatabasePath)).Should().Be(await StoreChecksum.OfAsync(live.DatabasePath));
    }

    [Fact]
    public async Task BackupsTakenWhileTheAppKeepsDeciding_AreEachConsistent()
    {
        using var live = new TriageWebFactory();
        var robin = await ApiMember.CreateAsync(live, "robin");
        await robin.PostOkAsync("/api/invitations", Drafts.FourColleagues("Blum Shapiro"));
        var flockId = (await robin.SingleFlockAsync()).GetProperty("id").GetInt64();
        using var stop = new CancellationTokenSource();
        var deciding = Task.Run(async () =>
        {
            string[] actions = ["accept", "restore", "archive", "restore", "not-known", "restore"];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                (await robin.PostJsonAsync($"/api/flocks/{flockId}/actions", new { action = actions[i % actions.Length] })).EnsureSuccessStatusCode();
            }
        });
        var backups = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(150);
            var path = Path.Combine(_folder, $"during-{i}.db");
            (await live.Services.GetRequiredService<StoreBackup>().WriteAsync(path, CancellationToken.None)).Error.Should().BeNull();
            backups.Add(path);
        }

        await stop.CancelAsync();
        await deciding;

        foreach (var backup in backups)
        {
            using var restored = TriageWebFactory.RestoredFrom(backup);
            using var client = restored.CreateBrowserClient();
            client.DefaultRequestHeaders.Authorization = robin.Client.DefaultRequestHeaders.Authorization;
            var flock = await JsonAsync(client, $"/api/flocks/{flockId}");
            var history = await JsonAsync(client, "/api/history?kind=status-changed&pageSize=1000");
            var newest = history.GetProperty("items")[0];
            var after = newest.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("after").GetString()).Distinct().Single();
            flock.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("status").GetString())
                .Should().OnlyContain(s => s == after, $"{Path.GetFileName(backup)}: the members are as the newest decision in the same copy left them");
        }
    }

    private static async Task<List<string>> ReadAllAsync(HttpClient client, IEnumerable<string> paths)
    {
        var bodies = new List<string>();
        foreach (var path in paths)
        {
            bodies.Add(await client.GetStringAsync(path));
        }

        return bodies;
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(path));
        return document.RootElement.Clone();
    }
}
