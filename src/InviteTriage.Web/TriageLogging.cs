using InviteTriage.Data.Database;
using Serilog;

namespace InviteTriage.Web;

/// <summary>Serilog's two-stage start: a console logger until the host is built, then the one appsettings describes.</summary>
internal static class TriageLogging
{
    /// <summary>appsettings names the log folder as %INVITETRIAGE_DATA%, which is the data folder unless set.</summary>
    private const string DataFolderVariable = "INVITETRIAGE_DATA";

    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateBootstrapLogger();

    public static void AddTriageLogging(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DataFolderVariable)))
        {
            Environment.SetEnvironmentVariable(DataFolderVariable, DatabaseLocation.DataFolder);
        }

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services));
    }
}
