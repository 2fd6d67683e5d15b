using InviteTriage.Core.Companies;

namespace InviteTriage.Core.Tests.Companies;

public sealed class CompanySimilarityTests
{
    [Theory]
    [InlineData("pellmorerusk", "pellmorerusc", 1)]
    [InlineData("pellmorerusk", "pellmoreursk", 1)]
    [InlineData("blumshapiro", "blumshapirro", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("abc", "abc", 0)]
    [InlineData("ravensworthcare", "ravensworthcreative", 3)]
    public void EditDistance_CountsEditsAndNeighbourSwaps_UpToTheBound(string a, string b, int expected)
    {
        CompanySimilarity.EditDistance(a, b, 2).Should().Be(Math.Min(expected, 3));
        CompanySimilarity.EditDistance(b, a, 2).Should().Be(Math.Min(expected, 3), "distance is symmetric");
    }

    [Fact]
    public void Suggest_ATypo_KeepsTheBusierSpelling()
    {
        var suggestions = CompanySimilarity.Suggest([new("pellmorerusk", "Pellmore Rusk", 9), new("pellmorerusc", "Pellmore Rusc", 1)], 10);

        suggestions.Should().ContainSingle();
        suggestions[0].Alias.Key.Should().Be("pellmorerusc");
        suggestions[0].Canonical.Key.Should().Be("pellmorerusk");
        suggestions[0].Why.Should().Be("one letter apart");
    }

    [Fact]
    public void Suggest_WordsAdded_AreOffered()
    {
        var suggestions = CompanySimilarity.Suggest([new("bramtonglobalservices", "Bramton Global Services", 2), new("bramton", "Bramton", 2)], 10);

        suggestions.Should().ContainSingle().Which.Should().Match<AliasSuggestion>(s =>
            s.Alias.Key == "bramtonglobalservices" && s.Canonical.Key == "bramton" && s.Why == "one name is the other with words added");
    }

    [Fact]
    public void Suggest_FirmsThatOnlyShareAFirstWordOrLetters_AreNotOffered()
    {
        CompanySimilarity.Suggest(
            [
                new("ravensworthcare", "Ravensworth Care", 2), new("ravensworthcreative", "Ravensworth Creative", 3),
                new("yardleycpas", "Yardley CPAs", 1), new("yardleylabs", "Yardley Labs LLP", 2),
                new("ravens", "Ravens", 4),
                new("morrstead", "Morrstead", 1), new("lorrstead", "Lorrstead", 1),
            ],
            10).Should().BeEmpty("'Ravens' is not 'Ravensworth Care' with words added");
    }

    [Fact]
    public void Suggest_UnrelatedAndShortKeys_AreNotOffered()
    {
        CompanySimilarity.Suggest(
            [new("ibmx", "IBMX", 5), new("ibmy", "IBMY", 5), new("anvilworks", "Anvil Works", 3), new("pellmorerusk", "Pellmore Rusk", 3)], 10)
            .Should().BeEmpty();
    }

    [Fact]
    public void Suggest_IsOrderedBestFirstAndLimited()
    {
        CompanyCount[] companies =
        [
            new("northwind", "Northwind", 10), new("northwlnd", "Northwlnd", 1),
            new("contosolabs", "Contoso Labs", 10), new("contosolbas", "Contoso Lbas", 1),
            new("fabrikam", "Fabrikam", 10), new("fabrikamgroup", "Fabrikam Group", 1),
        ];

        var all = CompanySimilarity.Suggest(companies, 10);
        var two = CompanySimilarity.Suggest(companies, 2);

        all.Should().HaveCount(3);
        all.Select(s => s.Similarity).Should().BeInDescendingOrder();
        two.Should().Equal(all.Take(2));
    }

    [Fact]
    public void Resolve_GoesThroughTheMapOnce_AndLeavesOtherKeysAlone()
    {
        var map = new CompanyAliasMap([new CompanyAlias { OwnerId = "o", AliasKey = "acmeintl", AliasName = "Acme Intl", CanonicalKey = "acme", CanonicalName = "Acme" }]);

        map.Resolve("acmeintl").Should().Be("acme");
        map.Resolve("anvil").Should().Be("anvil");
        map.Resolve(null).Should().BeNull();
        CompanyAliasMap.Empty.Resolve("acmeintl").Should().Be("acmeintl");
    }
}
