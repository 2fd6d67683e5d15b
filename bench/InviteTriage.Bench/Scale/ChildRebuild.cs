using System.Diagnostics;
using System.Text.Json;
using InviteTriage.Data.Database;
using InviteTriage.Data.Detection;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// <c>rebuild-child --provider P --store CS</c>: the app's services over the store, built as the web app and the CLI build
/// them (<c>AddTriageData</c>), and one full rebuild of every member's flocks (what <c>detect --all</c> runs), alone in
/// the process, so that the process's peak memory is the rebuild's. Prints one JSON line, a <see cref="ChildRebuildResult"/>.
/// </summary>
internal static class ChildRebuild
{
    public const string Command = "rebuild-child";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        await using var instance = await BenchInstance.OpenAsync(ChildProcess.StoreOf(args, Command));
        var clock = Stopwatch.StartNew();
        await instance.Services.GetRequiredService<FlockDetectionService>().RebuildAllAsync(CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(new ChildRebuildResult(clock.Elapsed.TotalSeconds, PeakMemory.Bytes())));
        return 0;
    }

    public static Task<ChildRebuildResult> RunChildAsync(DatabaseLocation store, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync<ChildRebuildResult>(Command, ChildProcess.StoreArgs(store), cancellationToken);
}
