using InviteTriage.Data;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Database;
using InviteTriage.Data.Imports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Cli;

/// <summary>Builds the same store and services as the web app, runs one piece of work, and maps failures to exit codes.</summary>
internal sealed class CliHost(CliConsole console, IReadOnlyDictionary<string, string?>? configuration)
{
    public CliConsole Console => console;

    /// <summary>Runs work for the member with this e-mail; an unknown e-mail is a usage error (exit 2) and changes nothing.</summary>
    public Task<int> RunAsMemberAsync(string email, Func<IServiceProvider, CliMember, CancellationToken, Task<int>> work, CancellationToken cancellationToken) =>
        RunAsync(async (services, ct) =>
        {
            var user = await services.GetRequiredService<AccountService>().FindByEmailAsync(email);
            if (user is null)
            {
                await console.Error.WriteLineAsync($"There is no member with the e-mail {email}. Add one with 'invitetriage users add'.");
                return ExitCodes.Failed;
            }

            return await work(services, new CliMember(user.Id, user.Email ?? email), ct);
        }, cancellationToken);

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

            // import prints a refused import itself, as file: reason; the service's warning would say it twice.
            builder.Logging.AddFilter(typeof(ImportService).FullName, LogLevel.Error);
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
