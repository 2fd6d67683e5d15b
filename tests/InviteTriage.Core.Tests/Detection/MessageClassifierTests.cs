using CsCheck;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Core.Tests.Detection;

public sealed class MessageClassifierTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I'd like to add you to my professional network on LinkedIn.")]
    [InlineData("I'd like to add you to my professional network on LinkedIn. - Kim Ortega")]
    [InlineData("Hi Anna, I'd like to add you to my professional network on LinkedIn. - Kim")]
    [InlineData("Anna,  I’d like to add you to my professional network on LinkedIn.  — Kim Ortega, CPA")]
    [InlineData("I'd like to join your LinkedIn network.")]
    [InlineData("Hi Anna, I'd like to join your LinkedIn network.")]
    [InlineData("Join my network on LinkedIn")]
    [InlineData("Since you are a person I trust, I wanted to invite you to join my network on LinkedIn.")]
    [InlineData("Dear Anna Gál: since you are a person I trust, I wanted to invite you to join my network on LinkedIn!")]
    [InlineData("I'd like to connect with you on LinkedIn.")]
    [InlineData("Hello Anna! I'd like to connect with you on LinkedIn. Best regards, Kim")]
    [InlineData("I'd like to add you to my professional network.")]
    [InlineData("I'D LIKE TO ADD YOU TO MY PROFESSIONAL NETWORK")]
    [InlineData("Let's connect!")]
    [InlineData("Great to meet you")]
    public void Classify_DefaultOrShortText_IsGeneric(string? message)
    {
        var messageClass = MessageClassifier.Classify(message, "Anna Gál", "Kim Ortega");

        messageClass.Should().Be(MessageClass.Generic);
    }

    [Theory]
    [InlineData("Anna, great talk at the Boston tax summit!")]
    [InlineData("Hi Anna, loved your talk")]
    [InlineData("We met at the Boston tax summit last week; I would love to stay in touch about the audit rules.")]
    [InlineData("I'd like to add you to my professional network on LinkedIn because of your tax talk.")]
    [InlineData("I'd like to join your LinkedIn network, we worked together at Hart Lowe in 2019.")]
    public void Classify_NoteBeyondDefaults_IsPersonal(string message)
    {
        var messageClass = MessageClassifier.Classify(message, "Anna Gál", "Kim Ortega");

        messageClass.Should().Be(MessageClass.Personal);
    }

    [Fact]
    public void Classify_ShortNoteWithAccentlessRecipientName_IsPersonal()
    {
        var messageClass = MessageClassifier.Classify("Anna Gal, loved your talk", "Anna Gál", "Kim Ortega");

        messageClass.Should().Be(MessageClass.Personal);
    }

    [Fact]
    public void Classify_ShortNoteWithoutKnownRecipient_IsGeneric()
    {
        var messageClass = MessageClassifier.Classify("Anna, loved your talk", null, "Kim Ortega");

        messageClass.Should().Be(MessageClass.Generic);
    }

    [Fact]
    public void Classify_AnyDefaultTextWithGreetingNamesAndSignature_IsGeneric()
    {
        var defaults = Gen.OneOfConst(
            "I'd like to add you to my professional network on LinkedIn.",
            "I'd like to join your LinkedIn network.",
            "Join my network on LinkedIn",
            "Since you are a person I trust, I wanted to invite you to join my network on LinkedIn.",
            "I'd like to connect with you on LinkedIn.",
            "I'd like to add you to my professional network.");
        var greetings = Gen.OneOfConst("", "Hi Anna, ", "Hello Anna Gál! ", "Dear Anna: ", "Anna, ", "Good morning Anna. ");
        var signatures = Gen.OneOfConst("", " - Kim", " — Kim Ortega", "\n\n- Kim Ortega, CPA", " Thanks, Kim", " Best regards, Kim Ortega");
        var messages = Gen.Select(greetings, defaults, signatures, Gen.Bool)
            .Select((greeting, text, signature, upper) => greeting + (upper ? text.ToUpperInvariant() : text) + signature);

        messages.Sample(message =>
        {
            var messageClass = MessageClassifier.Classify(message, "Anna Gál", "Kim Ortega");

            messageClass.Should().Be(MessageClass.Generic, "\"{0}\" is a default text", message);
        }, iter: 500);
    }
}
