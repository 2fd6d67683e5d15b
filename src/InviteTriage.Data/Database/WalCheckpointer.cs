using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Data.Database;

/// <summary>
/// Copies SQLite's write-ahead log back into the store off the committing writer's time. SQLite's own automatic
/// checkpoint runs inside the commit that brings the log past 1,000 pages: that writer, often a single arriving
/// invitation, then copies the log and waits for two fsyncs, 5 to 10 ms where its own work took one
/// (docs/performance.md, "Checkpoints off the arrival's commit"). This hook replaces SQLite's on every connection the
/// app opens: past <see cref="BackgroundPages"/> it asks for a passive checkpoint on a thread-pool thread, which waits
/// for no reader and no writer; past <see cref="InlinePages"/>, where a bulk write outran those, the commit checkpoints
/// itself as SQLite's hook would have, so the log stays bounded.
/// </summary>
internal sealed class WalCheckpointer
{
    /// <summary>SQLite's own threshold for its automatic checkpoint.</summary>
    internal const int BackgroundPages = 1_000;

    /// <summary>64 MiB of 4 KiB pages, the log's size limit (<see cref="SqlitePragmas"/>).</summary>
    internal const int InlinePages = 16_384;

    private const int SqliteOk = 0;

    private static readonly ConcurrentDictionary<string, WalCheckpointer> ByStore = new(StringComparer.Ordinal);

    // Native code holds a pointer to this delegate for as long as any connection lives, so it is never collected.
    private static readonly WalHook Hook = OnCommit;

    private readonly string _connectionString;
    private readonly IntPtr _self;
    private int _pending;
    private long _checkpoints;
    private static bool _nativeHook = true;

    private WalCheckpointer(string connectionString)
    {
        // ReadWrite, never Create: a checkpoint asked for just before the store was deleted or replaced (a restore, a
        // test's teardown) must not leave an empty store and an open handle where the file was.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();

        // One per store for the life of the process, as its connections' pool is.
        _self = GCHandle.ToIntPtr(GCHandle.Alloc(this));
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int WalHook(IntPtr self, IntPtr db, IntPtr schema, int pages);

    /// <summary>Background checkpoints run so far, for tests.</summary>
    internal long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>The checkpointer of a store, one per connection string, shared by every context over it.</summary>
    public static WalCheckpointer For(string connectionString) => ByStore.GetOrAdd(connectionString, cs => new WalCheckpointer(cs));

    /// <summary>
    /// Hooks a connection's commits; the hook stays with the native connection as the pool hands it on. Where the native
    /// library is not SQLitePCLRaw's e_sqlite3 (another bundle), the connection keeps SQLite's own checkpoint.
    /// </summary>
    public void Attach(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle || !_nativeHook)
        {
            return;
        }

        try
        {
            sqlite3_wal_hook(handle.DangerousGetHandle(), Hook, _self);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _nativeHook = false;
        }
    }

    private static int OnCommit(IntPtr self, IntPtr db, IntPtr schema, int pages)
    {
        // Called by SQLite after the commit, with its write lock released; nothing may be thrown back into native code.
        try
        {
            if (pages >= InlinePages)
            {
                // Busy or not, as SQLite's own hook: a checkpoint that could not finish is tried again by the next commit.
                _ = sqlite3_wal_checkpoint(db, schema);
            }
            else if (pages >= BackgroundPages && GCHandle.FromIntPtr(self).Target is WalCheckpointer checkpointer)
            {
                checkpointer.Request();
            }
        }
        catch (Exception)
        {
            // A checkpoint not asked for now is asked for by the next commit, which still finds the log as long.
        }

        return SqliteOk;
    }

    /// <summary>One checkpoint at a time; commits while it runs ask for nothing more, as the next one past the threshold will.</summary>
    private void Request()
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static checkpointer => checkpointer.Checkpoint(), this, preferLocal: false);
        }
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
            Interlocked.Increment(ref _checkpoints);
        }
        catch (Exception)
        {
            // On a thread-pool thread, where an exception would end the process. The store is gone or being replaced (a
            // restore), or busy: the log waits for the next commit's request or for the inline checkpoint, and SQLite
            // checkpoints it when its last connection closes anyway.
        }
        finally
        {
            Volatile.Write(ref _pending, 0);
        }
    }

    // The native library Microsoft.Data.Sqlite runs on (SQLitePCLRaw's e_sqlite3), which does not wrap this function.
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_wal_hook(IntPtr db, WalHook callback, IntPtr self);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_wal_checkpoint(IntPtr db, IntPtr schema);
}
