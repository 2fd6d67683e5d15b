using InviteTriage.Ingest.Tests.TestSupport;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests.LinkedIn;

public sealed class LinkedInConnectionsReaderTests
{
    private const string Header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

    [Fact]
    public async Task ReadAsync_Export2024WithPreamble_YieldsFourContactsAndSkipsOneHiddenMember()
    {
        var items = await ReadSampleAsync("linkedin-2024/Connections.csv", ImportFormat.LinkedInConnections);

        items.Contacts().Select(c => c.Name).Should().Equal("Sam Sample", "José Núñez", "Chris Vale", "Morgan Park, CFA, FRM");
        items.Skips(SkipKind.HiddenMember).Should().ContainSingle().Which.Origin.Number.Should().Be(9);
        items.Rejections().Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAsync_Export2024_ReadsQuotedPaddedCompaniesAndDecodedUrls()
    {
        var items = await ReadSampleAsync("linkedin-2024/Connections.csv", ImportFormat.LinkedInConnections);

        var contacts = items.Contacts();
        contacts[0].Company.Should().Be("Acme Analytics, Inc.");
        contacts[0].Position.Should().Be("Data Engineer");
        contacts[0].ConnectedOn.Should().Be(Utc(2025, 10, 3));
        contacts[0].Origin.Number.Should().Be(5);
        contacts[1].Company.Should().Be("Harbor Lights Consulting");
        contacts[1].ProfileUrl.Should().Be("https://www.linkedin.com/in/josé-núñez-8c");
        contacts[3].ConnectedOn.Should().Be(Utc(2024, 1, 9));
    }

    [Fact]
    public async Task ReadAsync_Export2021WithoutUrlColumn_ReadsBothDateEras()
    {
        var items = await ReadSampleAsync("linkedin-2021/Connections.csv", ImportFormat.LinkedInConnections);

        var contacts = items.Contacts();
        contacts.Should().HaveCount(2);
        contacts[0].Name.Should().Be("Alex Old");
        contacts[0].ProfileUrl.Should().BeNull();
        contacts[0].ConnectedOn.Should().Be(Utc(2021, 5, 16));
        contacts[1].Name.Should().Be("Jamie Reed");
        contacts[1].Company.Should().Be("Reed & Sons Co.");
        contacts[1].ConnectedOn.Should().Be(Utc(2018, 1, 8, 18, 14));
    }

    [Theory]
    [InlineData("31 Dec 2024", 2024, 12, 31, 0, 0)]
    [InlineData("09 Oct 2024", 2024, 10, 9, 0, 0)]
    [InlineData("6-Feb-26", 2026, 2, 6, 0, 0)]
    [InlineData("16-May-21", 2021, 5, 16, 0, 0)]
    [InlineData("\"1/8/18, 6:14 PM\"", 2018, 1, 8, 18, 14)]
    public async Task ReadAsync_ConnectedOnFormats_ParseAsUtc(string connectedOn, int year, int month, int day, int hour, int minute)
    {
        var text = $"{Header}\nSam,Sample,,,Acme,Engineer,{connectedOn}\n";

        var items = await ReadTextAsync(text, "Connections.csv", ImportFormat.LinkedInConnections);

        items.Contacts().Single().ConnectedOn.Should().Be(Utc(year, month, day, hour, minute));
    }

    [Fact]
    public async Task ReadAsync_BadConnectedOn_RejectsRowWithLineAndFieldAndKeepsTheRest()
    {
        var text = $"Notes:\n\"Some note\"\n\n{Header}\nSam,Sample,,,Acme,Engineer,31 Dec 2024\nAlex,Old,,,Mill,Analyst,yesterday\n";

        var items = await ReadTextAsync(text, "Connections.csv", ImportFormat.LinkedInConnections);

        items.Contacts().Should().ContainSingle().Which.Name.Should().Be("Sam Sample");
        items.Rejections().Should().ContainSingle().Which.Message.Should().StartWith("Connections.csv:6: Connected On: 'yesterday'");
    }

    [Fact]
    public async Task ReadAsync_InvitationsFileClaimedAsConnections_RejectsTheWholeFile()
    {
        var act = () => ReadSampleAsync("linkedin-2024/Invitations.csv", ImportFormat.LinkedInConnections);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("not a LinkedIn Connections.csv");
    }

    [Fact]
    public async Task ReadAsync_OverlongFieldOrScriptLink_RejectsThatRowByColumn()
    {
        var csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            + $"Sam,Sample,,,{new string('x', 301)},Engineer,03 Oct 2025\n"
            + "Chris,Vale,javascript:alert(1),,Tidewater,Analyst,31 Oct 2025\n"
            + "Morgan,Park,https://www.linkedin.com/in/morgan-park,,Greystone,PM,09 Jan 2024\n";

        var items = await ReadTextAsync(csv, "Connections.csv", ImportFormat.LinkedInConnections);

        items.Contacts().Select(c => c.Name).Should().Equal("Morgan Park");
        items.Rejections().Select(r => r.Message).Should().Equal(
            "Connections.csv:2: Company: is 301 characters long, more than the 300 allowed",
            "Connections.csv:3: URL: 'javascript:alert(1)' is not an http(s) link");
    }
}
