using InviteTriage.Core.Companies;

namespace InviteTriage.Core.Tests.Companies;

public sealed class CompanySimilarityTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.84)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void JaroWinkler_MatchesTheTextbookFigures(string a, string b, double expected)
    {
        CompanySimilarity.JaroWinkler(a, b).Should().BeApproximately(expected, 0.001);
        CompanySimilarity.JaroWinkler(b, a).Should().BeApproximately(expected, 0.001, "similarity is symmetric");
    }

    [Fact]
    public void Suggest_ATypo_KeepsTheBusierSpelling()
    {
        var suggestions = CompanySimilarity.Suggest([new("pellmorerusk", "Pellmore Rusk", 9), new("pellmorerusc", "Pellmore Rusc", 1)], 10);

        suggestions.Should().ContainSingle();
        suggestions[0].Alias.Key.Should().Be("pellmorerusc");
        suggestions[0].Canonical.Key.Should().Be("pellmorerusk");
        suggestions[0].Why.Should().StartWith("spelled alike");
    }

    [Fact]
    public void Suggest_WordsAdded_AreOffered()
    {
        var suggestions = CompanySimilarity.Suggest([new("acmeglobalservices", "Acme Global Services", 2), new("acme", "Acme", 2)], 10);

        suggestions.Should().ContainSingle().Which.Should().Match<AliasSuggestion>(s =>
            s.Alias.Key == "acmeglobalservices" && s.Canonical.Key == "acme" && s.Why == "one name is the other with words added");
    }

    [Fact]
    public void Suggest_UnrelatedAndShortKeys_AreNotOffered()
    {
        CompanySimilarity.Suggest(
            [new("ibm", "IBM", 5), new("ibx", "IBX", 5), new("anvilworks", "Anvil Works", 3), new("pellmorerusk", "Pellmore Rusk", 3)], 10)
            .Should().BeEmpty();
    }

    [Fact]
    public void Suggest_IsOrderedBestFirstAndLimited()
    {
        CompanyCount[] companies =
        [
            new("northwind", "Northwind", 10), new("northwlnd", "Northwlnd", 1),
            new("contosoltd", "Contoso", 10), new("contosoitd", "Contoso ltd", 1),
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
