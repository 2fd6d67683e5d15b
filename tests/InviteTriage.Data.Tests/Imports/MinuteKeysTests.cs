using InviteTriage.Data.Imports;

namespace InviteTriage.Data.Tests.Imports;

/// <summary>The in-memory dedupe keys of a bulk import: a false match would drop a row as a duplicate, silently.</summary>
public sealed class MinuteKeysTests
{
    [Theory]
    [InlineData("x|y", "1", "x", "y|1")]
    [InlineData("linkedin", "https://www.linkedin.com/in/ada", "linkedi", "nhttps://www.linkedin.com/in/ada")]
    [InlineData("", "ab", "a", "b")]
    public void Contains_TheSameTextSplitElsewhere_IsAnotherKey(string network, string key, string otherNetwork, string otherKey)
    {
        var keys = new MinuteKeys();
        keys.Add(network, key, 29_000_000);

        keys.Contains(network, key, 29_000_000).Should().BeTrue();
        keys.Contains(otherNetwork, otherKey, 29_000_000).Should().BeFalse("the network is the user's own text, so where it ends is part of the key");
        keys.Contains(network, key, 29_000_001).Should().BeFalse();
    }
}
