using InviteTriage.Data;
using InviteTriage.Data.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Cli;

/// <summary>Builds the same store and services as the web app, runs one piece of work, and maps failures to exit codes.</summary>
internal sealed class CliHost(CliConsole console, IReadOnlyDictionary<string, string?>? configuration)
{
    public CliConsole Console => console;

    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            // The verbs are not configuration, so no command-line args; appsettings and the environment still apply.
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                ContentRootPath = AppContext.BaseDirectory,
            });
            if (configuration is not null)
            {
                builder.Configuration.AddInMemoryCollection(configuration);
            }

            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddTriageData();

            using var host = builder.Build();
            await TriageDatabase.MigrateAsync(host.Services, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider, cancellationToken);
        }
        catch (DatabaseUnavailableException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
    }
}
