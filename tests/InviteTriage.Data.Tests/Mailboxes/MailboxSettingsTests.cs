using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Mailboxes;

namespace InviteTriage.Data.Tests.Mailboxes;

public abstract class MailboxSettingsTests(TriageStore store)
{
    public sealed class OnSqlite(SqliteStore store) : MailboxSettingsTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : MailboxSettingsTests(store), IClassFixture<PostgresStore>;

    private readonly TestMailboxes _mailboxes = new(store);
    private readonly Members _members = new(store);

    [Fact]
    public async Task SaveAsync_ThePassword_IsStoredEncryptedAndNeverInPlainText()
    {
        var owner = await _members.AddAsync();
        const string password = "correct horse battery staple";
        var settings = new MailboxSettings { Host = "imap.example.com", UserName = "robin@example.com", Password = password };

        await _mailboxes.Service.SaveAsync(owner, settings, CancellationToken.None);

        // The row as the store holds it, every column, not as EF Core hands it back.
        var columns = await store.RowAsync("SELECT * FROM \"Mailboxes\" WHERE \"OwnerId\" = @owner", ("@owner", owner));
        columns.Values.Should().NotContain(value => value.Contains("horse", StringComparison.OrdinalIgnoreCase));
        columns["ProtectedPassword"].Should().NotBeEmpty().And.NotBe(password);
        (await _mailboxes.Service.GetAsync(owner, CancellationToken.None))!.UserName.Should().Be("robin@example.com");
    }

    [Fact]
    public async Task SaveAsync_SettingsThatCannotWork_ReturnEveryProblemAndStoreNothing()
    {
        var owner = await _members.AddAsync();
        var settings = new MailboxSettings
        {
            Host = "imaps://mail.example.com",
            Port = 0,
            UserName = " ",
            Folder = "INBOX",
            FileDecisions = true,
            ArchivedFolder = "INBOX",
        };

        var problems = await _mailboxes.Service.SaveAsync(owner, settings, CancellationToken.None);

        problems.Should().HaveCount(5);
        problems.Should().Contain(p => p.StartsWith("Host:", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("Port: 0 is not a port", StringComparison.Ordinal))
            .And.Contain("User name: required.")
            .And.Contain("Password: required.")
            .And.Contain(p => p.StartsWith("Archived folder: must differ from the folder that is read", StringComparison.Ordinal));
        (await _mailboxes.Service.GetAsync(owner, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task SaveAsync_WithoutAPassword_KeepsTheStoredOne_AndADifferentFolderStartsOver()
    {
        var (owner, folder) = await _mailboxes.CreateAsync();
        await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);
        var before = await _mailboxes.RowAsync(owner);
        var other = TestImapServer.NewFolderName();
        await TestImapServer.Current.CreateFolderAsync(other, MailSamples.Load("invitation-italian.eml"));

        await _mailboxes.Service.SaveAsync(owner, TestImapServer.Current.Settings(other) with { Password = null }, CancellationToken.None);
        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        var after = await _mailboxes.RowAsync(owner);
        after.ProtectedPassword.Should().Be(before.ProtectedPassword);
        before.Folder.Should().Be(folder);
        result.Status.Should().Be(MailboxStatus.Ok, result.Error);
        result.Read.Should().Be(1, "a different folder is read from its first message");
        result.Added.Should().Be(0, "the Italian invitation was imported from the first folder");
        after.LastUid.Should().Be(1);
    }

    [Theory]
    [InlineData("elsewhere.example", 0, null)]
    [InlineData(null, 1, null)]
    [InlineData(null, 0, "someone-else")]
    public async Task TheStoredPassword_IsNeverSentToAnotherServerOrAccount(string? host, int portOffset, string? userName)
    {
        var (owner, folder) = await _mailboxes.CreateAsync();
        var stored = TestImapServer.Current.Settings(folder);
        var moved = stored with
        {
            Host = host ?? stored.Host,
            Port = stored.Port + portOffset,
            UserName = userName ?? stored.UserName,
            Password = null,
        };

        var check = await _mailboxes.Service.TestConnectionAsync(owner, moved, CancellationToken.None);
        var saved = await _mailboxes.Service.SaveAsync(owner, moved, CancellationToken.None);

        check.Succeeded.Should().BeFalse();
        check.Message.Should().Contain("enter it again");
        saved.Should().ContainSingle().Which.Should().Contain("enter it again");
        var row = await _mailboxes.RowAsync(owner);
        (row.Host, row.Port, row.UserName).Should().Be((stored.Host, stored.Port, stored.UserName), "a refused save changes nothing");
    }
}
