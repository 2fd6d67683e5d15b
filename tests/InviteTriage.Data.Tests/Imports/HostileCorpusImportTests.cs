using InviteTriage.Corpus;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InviteTriage.Data.Tests.Imports;

/// <summary>
/// Every file of the hostile corpus through the import service, as the web app and the CLI call it: it never throws,
/// never hangs, and ends as the corpus says; a refused file leaves the store byte for byte as it was.
/// </summary>
public abstract class HostileCorpusImportTests
{
    public sealed class OnSqlite(SqliteStore store, ITestOutputHelper output) : HostileCorpusImportTests(store, output), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store, ITestOutputHelper output) : HostileCorpusImportTests(store, output), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly ITestOutputHelper _output;

    protected HostileCorpusImportTests(TriageStore store, ITestOutputHelper output)
    {
        _store = store;
        _members = new Members(store);
        _output = output;
    }

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task ImportAsync_HostileFile_EndsAsTheCorpusSays(string name)
    {
        var file = HostileCorpus.Get(name);
        using var copy = await file.MaterializeAsync();
        var owner = await _members.AddAsync();
        var before = await _store.ChecksumAsync();
        using var timeout = new CancellationTokenSource(HostileCorpus.TimeoutPerFile);

        var summary = await _store.Services.GetRequiredService<ImportService>()
            .ImportAsync(owner, "corpus", "auto", [ImportSource.FromFile(copy.Path, ImportFormat.Auto)], null, timeout.Token)
            .WaitAsync(HostileCorpus.TimeoutPerFile);

        var rejections = summary.Rejected.Select(r => r.Error).ToList();
        _output.WriteLine(summary.Error ?? $"added {summary.Added}, skipped {summary.Skipped.Values.Sum()}, rejected {rejections.Count}");
        rejections.Take(5).ToList().ForEach(r => _output.WriteLine(r.Length > 300 ? r[..300] + "…" : r));
        switch (file.Expected)
        {
            case CorpusOutcome.Refused:
                summary.Error.Should().NotBeNull("the file must be refused whole").And.Contain(copy.FileName);
                (await _store.ChecksumAsync()).Should().Be(before, "a refused file changes nothing");
                break;
            case CorpusOutcome.Partial:
                summary.Error.Should().BeNull();
                rejections.Should().NotBeEmpty().And.OnlyContain(r => HostileCorpus.IsRejectionOf(r, copy.FileName));
                break;
            default:
                summary.Error.Should().BeNull();
                rejections.Should().BeEmpty();
                break;
        }
    }
}
