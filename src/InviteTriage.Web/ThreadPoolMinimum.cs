namespace InviteTriage.Web;

/// <summary>
/// How many worker threads the thread pool makes at once, before it adds them at its own pace of about one or two a
/// second. Microsoft.Data.Sqlite's async calls complete synchronously, so a request holds a pool thread for as long as
/// SQLite works for it, and with the runtime's minimum, one per core, 50 busy API clients queued for threads rather
/// than for the store (docs/performance.md, "Load"). Waiting writers hold none (WriterQueue). The pool still makes
/// only the threads the load needs. <c>ThreadPool:MinThreads</c> sets it; a value below the runtime's own is ignored.
/// </summary>
internal static class ThreadPoolMinimum
{
    /// <summary>Enough for the load test's 50 API clients and 20 circuits at once; measured in docs/performance.md.</summary>
    public const int Default = 64;

    public static void Apply(IConfiguration configuration)
    {
        var wanted = configuration.GetValue("ThreadPool:MinThreads", Default);
        ThreadPool.GetMinThreads(out var workers, out var completions);
        if (wanted > workers)
        {
            ThreadPool.SetMinThreads(wanted, completions);
        }
    }
}
