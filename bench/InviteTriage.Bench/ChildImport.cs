using System.Diagnostics;
using System.Text.Json;
using InviteTriage.Core.Flocks;
using InviteTriage.Data;
using InviteTriage.Data.Database;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench;

/// <summary>
/// <c>import-child --provider P --store CS --member EMAIL --csv PATH</c>: one import through the app's ImportService, alone in
/// its process, so that the process's peak memory is the import's. Prints one JSON line, a <see cref="ChildImportResult"/>.
/// </summary>
internal static class ChildImport
{
    public const string Command = "import-child";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var store = ChildProcess.StoreOf(args, Command);
        var email = ValueOf(args, "--member");
        var csv = ValueOf(args, "--csv");
        var phases = new PhaseTimes();
        await using var instance = await BenchInstance.OpenAsync(store, phases);
        var owner = await instance.MemberIdAsync(email);

        var clock = Stopwatch.StartNew();
        var summary = await instance.Services.GetRequiredService<ImportService>().ImportAsync(
            owner, email, "csv", [ImportSource.FromFile(csv, ImportFormat.Csv)], progress: null, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;

        await using var db = await instance.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var flocks = await db.Flocks.CountAsync(f => f.OwnerId == owner && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved));
        var result = new ChildImportResult(
            seconds, summary.Added, summary.Merged, summary.Duplicates, summary.RejectedCount, flocks, PeakMemory.Bytes(), phases.Milliseconds, summary.Error);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return summary.Failed ? 2 : 0;
    }

    /// <summary>Runs this harness again as a child process that imports <paramref name="csv"/> for <paramref name="member"/>, and reads its result line.</summary>
    public static Task<ChildImportResult> RunChildAsync(DatabaseLocation store, string member, string csv, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync<ChildImportResult>(Command, [.. ChildProcess.StoreArgs(store), "--member", member, "--csv", csv], cancellationToken);

    private static string ValueOf(IReadOnlyList<string> args, string name) => ChildProcess.ValueOf(args, Command, name);
}
