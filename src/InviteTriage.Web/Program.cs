using InviteTriage.Data.Database;
using InviteTriage.Web;
using Serilog;

Log.Logger = TriageLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddTriageLogging();
    builder.AddTriageWeb();

    var app = builder.Build();
    await TriageDatabase.MigrateAsync(app.Services, app.Lifetime.ApplicationStopping);
    app.UseTriagePipeline();
    app.MapTriageEndpoints();
    await app.RunAsync();
    return 0;
}
catch (DatabaseUnavailableException ex)
{
    // The message names the database and the reason; a stack trace would only bury it.
    Log.Fatal("{Reason}", ex.Message);
    return 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "InviteTriage stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
