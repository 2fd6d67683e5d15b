using InviteTriage.Core.Invitations;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Invitations;

/// <summary>
/// The search box: a substring of the sender's name, headline, company or message, ignoring case, whatever the
/// characters, on both stores, answered through each store's index (SQLite's trigram table, PostgreSQL's trigram
/// indexes) where the text is long enough, and by LIKE alone where it is not.
/// </summary>
public abstract class InvitationSearchTests
{
    public sealed class OnSqlite(SqliteStore store) : InvitationSearchTests(store), IClassFixture<SqliteStore>
    {
        /// <summary>
        /// SQLite's LIKE folds the case of ASCII letters only, and the index, which folds all of Unicode, only narrows
        /// what LIKE then decides: a search means the same with the index (three characters or more) as without.
        /// </summary>
        [Theory]
        [InlineData("müller", true)]
        [InlineData("MÜLLER", false)]
        [InlineData("ül", true)]
        [InlineData("ÜL", false)]
        public async Task Search_FoldsTheCaseOfAsciiLettersOnly_WithTheIndexOrWithout(string search, bool found)
        {
            var owner = await SearchableInboxAsync();

            var page = await ListAsync(owner, search);

            page.Select(i => i.SenderName).Should().Equal(found ? ["Gus Müller"] : []);
        }

        /// <summary>The trigram table agrees with the invitations after imports, merges, company changes and undos.</summary>
        [Fact]
        public async Task TheSearchIndex_PassesItsIntegrityCheck_AfterEveryChange()
        {
            await ChangeEverySearchedColumnAsync();

            var check = () => store.QueryAsync("""INSERT INTO "InvitationSearch" ("InvitationSearch", rank) VALUES ('integrity-check', 1)""");

            await check.Should().NotThrowAsync();
        }
    }

    public sealed class OnPostgres(PostgresStore store) : InvitationSearchTests(store), IClassFixture<PostgresStore>
    {
        /// <summary>PostgreSQL's search lowers both sides with lower(), which knows every alphabet's case.</summary>
        [Theory]
        [InlineData("müller")]
        [InlineData("MÜLLER")]
        [InlineData("ÜL")]
        public async Task Search_FoldsTheCaseOfEveryLetter(string search)
        {
            var owner = await SearchableInboxAsync();

            var page = await ListAsync(owner, search);

            page.Select(i => i.SenderName).Should().Equal("Gus Müller");
        }
    }

    private readonly TriageStore _store;
    private readonly Members _members;

    protected InvitationSearchTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
    }

    private InvitationQueries Queries => _store.Services.GetRequiredService<InvitationQueries>();

    [Theory]
    [InlineData("park", "Dana Park")]
    [InlineData("PARK", "Dana Park")]
    [InlineData("  park  ", "Dana Park")]
    [InlineData("park\0", "Dana Park")]
    [InlineData("growth", "Dana Park")]
    [InlineData("LEEDS meetup", "Dana Park")]
    [InlineData("moss", "Eli Moss")]
    [InlineData("Pa", "Dana Park")]
    [InlineData("k", "Dana Park", "Fay O'Neil \"The Rock\"")]
    [InlineData("\"The Rock\"", "Fay O'Neil \"The Rock\"")]
    [InlineData("The Rock\"", "Fay O'Neil \"The Rock\"")]
    [InlineData("\"", "Fay O'Neil \"The Rock\"")]
    [InlineData("\"\"\"")]
    [InlineData("O'Neil", "Fay O'Neil \"The Rock\"")]
    [InlineData("'", "Fay O'Neil \"The Rock\"")]
    [InlineData("50%", "Fay O'Neil \"The Rock\"")]
    [InlineData("off_sale", "Fay O'Neil \"The Rock\"")]
    [InlineData("%", "Fay O'Neil \"The Rock\"")]
    [InlineData("_", "Fay O'Neil \"The Rock\"")]
    [InlineData("f\\")]
    [InlineData("NEAR(a b)", "Fay O'Neil \"The Rock\"")]
    [InlineData("OR -x ^y *z", "Fay O'Neil \"The Rock\"")]
    [InlineData("Park OR Moss")]
    [InlineData("Pa*")]
    [InlineData("(UK)", "Fay O'Neil \"The Rock\"")]
    [InlineData("Quill (", "Fay O'Neil \"The Rock\"")]
    [InlineData("sender: fay")]
    [InlineData("zürich", "Gus Müller")]
    [InlineData("☕", "Hal Ito")]
    [InlineData("☕ l", "Hal Ito")]
    [InlineData("👋", "Hal Ito")]
    [InlineData("👋 t", "Hal Ito")]
    [InlineData("nobody")]
    public async Task Search_FindsTheTextInAnyOfFourColumns_IgnoringCase_AndTakesEveryCharacterLiterally(string search, params string[] expected)
    {
        var owner = await SearchableInboxAsync();

        var page = await ListAsync(owner, search);
        var counts = await Queries.CountAsync(owner, new InvitationFilter(Search: search), CancellationToken.None);

        page.Select(i => i.SenderName).Should().BeEquivalentTo(expected);
        counts.All.Should().Be(expected.Length);
    }

    /// <summary>
    /// Random texts and random searches over a few letters and every character that a LIKE pattern or a full-text
    /// query would read as syntax: the search finds exactly the invitations one of whose four texts holds the search,
    /// ignoring the case of the letters, whether the search is short enough to go without the index or not.
    /// </summary>
    [Fact]
    public async Task Search_FindsExactlyTheInvitationsWhoseTextHoldsIt_ForRandomTextsAndSearches()
    {
        const string alphabet = "abAB \"'%_*-^():\\";
        var random = new Random(6);
        string Text(int most) => new([.. Enumerable.Range(0, random.Next(most + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 120).Select(n => From($"S{n} {Text(6)}", $"C{n % 7} {Text(8)}", Monday.AddMinutes(n * 61), Text(12), line: n + 1) with
        {
            SenderHeadline = random.Next(4) == 0 ? null : Text(10),
            SenderProfileUrl = $"https://www.linkedin.com/in/sender-{n}",
        })]);
        var stored = await _members.InvitationsAsync(owner);
        var searches = Enumerable.Range(0, 150)
            .Select(_ => Text(5))
            .Concat(stored.Take(40).Select(i => i.Message is { Length: > 4 } m ? m.Substring(random.Next(m.Length - 3), 3).ToUpperInvariant() : i.SenderName))
            .Where(s => s.Trim().Length > 0)
            .ToList();

        foreach (var search in searches)
        {
            var page = await ListAsync(owner, search, pageSize: 200);

            var needle = search.Trim();
            var expected = stored.Where(i => new[] { i.SenderName, i.SenderHeadline, i.Company, i.Message }
                .Any(text => text is not null && text.Contains(needle, StringComparison.OrdinalIgnoreCase))).Select(i => i.Id);
            page.Select(i => i.Id).Should().BeEquivalentTo(expected, $"the search was [{search}]");
        }
    }

    /// <summary>
    /// A search with many matches reads its page in the inbox's order and stops there; one with few is read from the
    /// search index and sorted. Either way the page is the same slice of the same order, and the total is the same.
    /// </summary>
    [Theory]
    [InlineData("widget", 1)]
    [InlineData("WIDGET", 3)]
    [InlineData("bolt", 1)]
    public async Task Search_PagesInTheInboxOrder_WhicheverIndexReadsThePage(string search, int page)
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 44).Select(n =>
            From($"Sender {n}", n % 11 == 0 ? "Bolt Works" : "Acme Widgets", Monday.AddDays(n % 5).AddMinutes(n * 7), line: n + 1))]);
        var expected = (await _members.InvitationsAsync(owner))
            .Where(i => i.Company!.Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id)
            .Select(i => i.Id).ToList();

        var found = await Queries.ListAsync(owner, new InvitationFilter(Search: search, Page: page) { PageSize = 5 }, CancellationToken.None);

        found.Items.Select(i => i.Id).Should().Equal(expected.Skip((page - 1) * 5).Take(5));
        found.Total.Should().Be(expected.Count);
    }

    [Fact]
    public async Task Search_FollowsImportsMergesCompanyChangesAndUndos()
    {
        var (owner, merged) = await ChangeEverySearchedColumnAsync();

        (await ListAsync(owner, "kelpie")).Should().BeEmpty("the merge that brought the headline was undone");
        (await ListAsync(owner, "brightw")).Select(i => i.SenderName).Should().Equal("Ivo Tamm");
        (await ListAsync(owner, "copperf")).Select(i => i.SenderName).Should().Equal("Una Vale");
        (await ListAsync(owner, "stonegat")).Should().BeEmpty("Una Vale's company was changed");
        (await ListAsync(owner, "marlow")).Should().BeEmpty("the import that brought Wes Orr was undone");
        merged.Select(i => i.SenderName).Should().Equal("Ivo Tamm");
    }

    /// <summary>
    /// Every way the searched columns change: an import adds rows, a merge from another source fills a headline, a
    /// company is set by hand, and undoing imports takes a merge back and deletes rows. Answers what the search found
    /// by the merged headline in between.
    /// </summary>
    private async Task<(string Owner, IReadOnlyList<InvitationView> Merged)> ChangeEverySearchedColumnAsync()
    {
        var owner = await _members.AddAsync();
        var imports = _store.Services.GetRequiredService<ImportService>();
        await _members.ReceiveAsync(owner, From("Ivo Tamm", "Brightwater", Monday.AddHours(9)), From("Una Vale", "Stonegate", Monday.AddHours(10), line: 2));
        var merge = await _members.ReceiveAsync(owner, From("Ivo Tamm", "Brightwater", Monday.AddHours(9).AddMinutes(5)) with
        {
            SenderHeadline = "Kelpie Wrangler",
            Source = InvitationSource.Csv,
        });
        var merged = await ListAsync(owner, "kelpie");
        var una = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Una Vale");
        await _store.Services.GetRequiredService<CompanyService>().SetCompanyAsync(owner, "me", una.Id, "Copperfield", CancellationToken.None);
        (await imports.UndoAsync(owner, "me", merge.BatchId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        var later = await _members.ReceiveAsync(owner, From("Wes Orr", "Marlow", Monday.AddHours(11)));
        (await ListAsync(owner, "marlow")).Select(i => i.SenderName).Should().Equal("Wes Orr");
        (await imports.UndoAsync(owner, "me", later.BatchId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        return (owner, merged);
    }

    private async Task<string> SearchableInboxAsync()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner,
            From("Dana Park", "Acme Corp", Monday.AddHours(9), "Great to meet you at the Leeds meetup") with { SenderHeadline = "Head of Growth at Acme" },
            From("Eli Moss", "Moss & Sons", Monday.AddHours(10), line: 2),
            From("Fay O'Neil \"The Rock\"", "Quill (UK) Ltd.", Monday.AddHours(11), "Let's connect: NEAR(a b) OR -x ^y *z", line: 3) with
            {
                SenderHeadline = "50% off_sale",
                SenderProfileUrl = "https://www.linkedin.com/in/fay-oneil",
            },
            From("Gus Müller", "Zürich AG", Monday.AddHours(12), line: 4),
            From("Hal Ito", "Tea House", Monday.AddHours(13), "Hi 👋 there", line: 5) with { SenderHeadline = "Coffee ☕ lover" });
        return owner;
    }

    private async Task<IReadOnlyList<InvitationView>> ListAsync(string owner, string search, int pageSize = 50) =>
        (await Queries.ListAsync(owner, new InvitationFilter(Search: search) { PageSize = pageSize }, CancellationToken.None)).Items;
}
