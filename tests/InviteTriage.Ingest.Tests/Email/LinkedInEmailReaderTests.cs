using InviteTriage.Core.Invitations;
using InviteTriage.Ingest.Email;
using MimeKit;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests.Email;

public sealed class LinkedInEmailReaderTests
{
    [Fact]
    public async Task ReadAsync_CurrentStyle_ReadsNameHeadlineLinksAndInvitationId()
    {
        var items = await ReadSampleAsync("emails/invitation-current.eml", ImportFormat.Eml);

        var draft = items.Drafts().Should().ContainSingle().Subject;
        draft.SenderName.Should().Be("Ada Fenwick");
        draft.SenderHeadline.Should().Be("Staff Accountant at Pellmore Rusk LLP | CPA candidate");
        draft.SentAt.Should().Be(Utc(2025, 11, 24, 9, 2, 31));
        draft.ExternalId.Should().Be("7390000000000000001");
        draft.AcceptUrl.Should().StartWith("https://www.linkedin.com/comm/people/invite-accept?")
            .And.Contain("invitationId=7390000000000000001");
        draft.SenderProfileUrl.Should().Be("https://www.linkedin.com/in/ada-fenwick-b2");
        draft.ProfileLink.Should().StartWith("https://www.linkedin.com/comm/in/ada-fenwick-b2?midToken=AQ");
        draft.SenderCompany.Should().BeNull();
        draft.Message.Should().BeNull();
        draft.Source.Should().Be(InvitationSource.Email);
        draft.Origin.ToString().Should().EndWith("invitation-current.eml:message 1");
    }

    [Fact]
    public async Task ReadAsync_Style2016_ReadsNameHeadlineMessageAndTheIdFromTheAcceptLink()
    {
        var items = await ReadSampleAsync("emails/invitation-2016.eml", ImportFormat.Eml);

        var draft = items.Drafts().Should().ContainSingle().Subject;
        draft.SenderName.Should().Be("Terry Brook");
        draft.SenderHeadline.Should().Be("Managing Director");
        draft.SentAt.Should().Be(Utc(2016, 5, 2, 19, 34, 46));
        draft.ExternalId.Should().Be("6132985418842456064");
        draft.Message.Should().Be("Hi Robin,\nI'd like to join your LinkedIn network.");
        draft.SenderProfileUrl.Should().BeNull("a /profile/view?id= link has no comparable form");
        draft.ProfileLink.Should().Be(
            "https://www.linkedin.com/comm/profile/view?id=40818822&authType=name&authToken=Ab1&invAcpt=2197625_I6132985418842456064_500");
    }

    [Fact]
    public async Task ReadAsync_ItalianSubject_IsRecognisedByAddressAndLinks()
    {
        var items = await ReadSampleAsync("emails/invitation-italian.eml", ImportFormat.Eml);

        var draft = items.Drafts().Should().ContainSingle().Subject;
        draft.SenderName.Should().Be("Luca Bianchi");
        draft.SenderHeadline.Should().Be("Consulente @ Studio Ferri & Associati");
        draft.ExternalId.Should().Be("7390000000000000009");
        draft.SenderProfileUrl.Should().Be("https://www.linkedin.com/in/luca-bianchi-it");
    }

    [Theory]
    [InlineData("emails/accepted.eml", SkipKind.Acceptance, null)]
    [InlineData("emails/reminder.eml", SkipKind.Reminder, "7390000000000000001")]
    public async Task ReadAsync_MailThatIsNotAnInvitation_IsSkippedWithItsKind(string sample, SkipKind kind, string? externalId)
    {
        var items = await ReadSampleAsync(sample, ImportFormat.Eml);

        var skip = items.Should().ContainSingle().Which.Should().BeOfType<IngestSkip>().Subject;
        skip.Kind.Should().Be(kind);
        skip.ExternalId.Should().Be(externalId);
    }

    [Fact]
    public async Task ReadAsync_Mbox_YieldsFiveDraftsAndSkipsAnAcceptanceAndAReminder()
    {
        var items = await ReadSampleAsync("emails/invitations.mbox", ImportFormat.Mbox);

        items.Drafts().Select(d => d.SenderName).Should().Equal("Ada Fenwick", "Kim Ortega", "Lee Marsh", "Dana Quill", "Priya Raman");
        items.Skips(SkipKind.Acceptance).Should().ContainSingle().Which.Origin.Number.Should().Be(6);
        items.Skips(SkipKind.Reminder).Should().ContainSingle().Which.ExternalId.Should().Be("7390000000000000001");
        items.Rejections().Should().BeEmpty();
        items.Select(i => i.Origin.Number).Should().Equal(1, 2, 3, 4, 5, 6, 7);
    }

    [Fact]
    public async Task ReadAsync_MboxFlock_KeepsTheFourWaysTheCompanyIsWritten()
    {
        var items = await ReadSampleAsync("emails/invitations.mbox", ImportFormat.Mbox);

        items.Drafts().Take(4).Select(d => d.SenderHeadline).Should().Equal(
            "Staff Accountant at Pellmore Rusk LLP | CPA candidate",
            "Senior Associate at Pellmore Rusk",
            "Audit Manager @ Pellmore Rusk, LLP",
            "Tax Senior at PellmoreRusk • Hartford");
        items.Drafts().Select(d => d.ExternalId).Should().Equal(
            "7390000000000000001", "7390000000000000002", "7390000000000000003", "7390000000000000004", "7390000000000000020");
        items.Drafts()[3].SentAt.Should().Be(Utc(2025, 11, 24, 11, 48));
    }

    [Fact]
    public void Read_HtmlOnlyBody_StripsTagsAndFindsLinksInHrefs()
    {
        var message = Invitation(new TextPart("html")
        {
            Text = """
                <html><body><p><a href="https://www.linkedin.com/comm/in/sam-sample?trk=x"><strong>Sam Sample</strong></a></p>
                <p style="color:#666">Data Engineer at Acme &amp; Co</p>
                <p><a href="https://www.linkedin.com/comm/people/invite-accept?invitationId=42&amp;fe=true">Accept</a></p></body></html>
                """,
        });

        var item = LinkedInEmailReader.Read(message, IngestOrigin.Message("imap:INBOX", 7));

        var draft = item.Should().BeOfType<IngestDraft>().Subject.Draft;
        draft.SenderName.Should().Be("Sam Sample");
        draft.SenderHeadline.Should().Be("Data Engineer at Acme & Co");
        draft.ExternalId.Should().Be("42");
        draft.AcceptUrl.Should().Be("https://www.linkedin.com/comm/people/invite-accept?invitationId=42&fe=true");
        draft.SenderProfileUrl.Should().Be("https://www.linkedin.com/in/sam-sample");
    }

    [Fact]
    public void Read_MailFromAnotherSender_IsSkippedAsNotInvitation()
    {
        var message = Invitation(new TextPart("plain") { Text = "Sam Sample\nhttps://www.linkedin.com/comm/people/invite-accept?invitationId=1" });
        message.From.Clear();
        message.From.Add(new MailboxAddress("Phisher via LinkedIn", "invitations@linkedin.example.com"));

        var item = LinkedInEmailReader.Read(message, IngestOrigin.Message("x.eml", 1));

        item.Should().BeOfType<IngestSkip>().Which.Kind.Should().Be(SkipKind.NotInvitation);
    }

    [Fact]
    public void Read_InvitationWithoutDateHeader_IsRejectedNamingDate()
    {
        var message = Invitation(new TextPart("plain")
        {
            Text = "Sam Sample\nEngineer\nAccept: https://www.linkedin.com/comm/people/invite-accept?invitationId=1\nView profile: https://www.linkedin.com/comm/in/sam",
        });
        message.Headers.Remove(HeaderId.Date);

        var item = LinkedInEmailReader.Read(message, IngestOrigin.Message("x.eml", 1));

        item.Should().BeOfType<IngestRejection>().Which.Message.Should().Be("x.eml:message 1: Date: the e-mail has no readable Date header");
    }

    [Fact]
    public async Task ReadAsync_FileThatIsNotMime_RejectsTheWholeFile()
    {
        var act = () => ReadTextAsync(string.Empty, "broken.eml", ImportFormat.Eml);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.File.Should().Be("broken.eml");
    }

    [Fact]
    public async Task ReadAsync_CsvClaimedAsEml_RejectsTheWholeFile()
    {
        var act = () => ReadSampleAsync("generic/invitations.csv", ImportFormat.Eml);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("not an e-mail message");
    }

    [Fact]
    public async Task ReadAsync_CsvClaimedAsMbox_RejectsTheWholeFile()
    {
        var act = () => ReadSampleAsync("generic/invitations.csv", ImportFormat.Mbox);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("not an mbox");
    }

    private static MimeMessage Invitation(MimeEntity body)
    {
        var message = new MimeMessage { Subject = "I want to connect", Date = new DateTimeOffset(2025, 11, 24, 9, 0, 0, TimeSpan.Zero), Body = body };
        message.From.Add(new MailboxAddress("Sam Sample via LinkedIn", "invitations@linkedin.com"));
        message.To.Add(new MailboxAddress("Robin Example", "robin@example.com"));
        return message;
    }
}
