using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InviteTriage.E2E;

/// <summary>The real web app, built by this solution, running as its own process on a free loopback port over a fresh SQLite file.</summary>
public sealed class RunningApp : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-e2e", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{FreePort()}/");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _process = Start(BaseUrl.ToString().TrimEnd('/'), $"Data Source={Path.Combine(_folder, "store.db")}", _folder);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app did not answer /healthz within 90 s:\n{Log}");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>Starts the built web app as its own process, with its output redirected for the caller to read.</summary>
    internal static Process Start(string urls, string connectionString, string dataFolder)
    {
        var webOutput = WebOutputFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(webOutput, "InviteTriage.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);
        // Development serves the static web assets from the build output's manifest, as `dotnet run` does.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__InviteTriage"] = connectionString;
        start.Environment["INVITETRIAGE_DATA"] = dataFolder;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static string WebOutputFolder()
    {
        // tests/InviteTriage.E2E/bin/<Configuration>/net10.0 → src/InviteTriage.Web/bin/<Configuration>/net10.0
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = own.Name;
        var configuration = own.Parent!.Name;
        var root = own;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "InviteTriage.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new DirectoryNotFoundException($"No InviteTriage.sln above {AppContext.BaseDirectory}.");
        }

        var output = Path.Combine(root.FullName, "src", "InviteTriage.Web", "bin", configuration, framework);
        return File.Exists(Path.Combine(output, "InviteTriage.Web.dll"))
            ? output
            : throw new FileNotFoundException($"Build the web app first: {output} has no InviteTriage.Web.dll.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
