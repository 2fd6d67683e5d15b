using InviteTriage.Data.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace InviteTriage.Data.Tests;

/// <summary>One migrated, empty database per test process, which every <see cref="PostgresStore"/> is copied from.</summary>
internal static class PostgresTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _name;

    public static async Task<string> NameAsync(string server)
    {
        await Gate.WaitAsync();
        try
        {
            if (_name is null)
            {
                var name = $"invitetriage_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Postgres",
                    ["ConnectionStrings:InviteTriage"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(),
                    ["INVITETRIAGE_DATA"] = Path.Combine(Path.GetTempPath(), "invitetriage-tests", name),
                });
                builder.Services.AddLogging();
                builder.AddTriageData();
                using (var host = builder.Build())
                {
                    await TriageDatabase.MigrateAsync(host.Services, CancellationToken.None);
                }

                // A database is copied only while nobody is connected to it.
                NpgsqlConnection.ClearAllPools();
                _name = name;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(server, name);
            }

            return _name;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Drop(string server, string name)
    {
        try
        {
            ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The server may be stopped already; test.sh removes the whole cluster anyway.
        }
    }
}
