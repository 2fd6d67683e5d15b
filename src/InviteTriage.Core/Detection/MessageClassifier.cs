using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Senders;

namespace InviteTriage.Core.Detection;

/// <summary>Generic or personal, as DETECTION.md and FORMATS.md ("Default invitation texts") define them.</summary>
public static partial class MessageClassifier
{
    public const int ShortMessageLength = 40;

    private static readonly string[] DefaultTexts =
    [
        "I'd like to add you to my professional network on LinkedIn.",
        "I'd like to join your LinkedIn network.",
        "Join my network on LinkedIn",
        "Since you are a person I trust, I wanted to invite you to join my network on LinkedIn.",
        "I'd like to connect with you on LinkedIn.",
        "I'd like to add you to my professional network.",
    ];

    private static readonly HashSet<string> DefaultWords =
        DefaultTexts.Select(text => string.Join(' ', Words(text))).ToHashSet(StringComparer.Ordinal);

    private static readonly string[][] Greetings =
        [["good", "morning"], ["good", "afternoon"], ["good", "evening"], ["hi"], ["hello"], ["hey"], ["dear"], ["greetings"], ["hallo"], ["ciao"]];

    private static readonly string[][] SignOffs =
        [["best", "regards"], ["kind", "regards"], ["warm", "regards"], ["regards"], ["best"], ["thank", "you"], ["thanks"], ["cheers"], ["sincerely"]];

    public static MessageClass Classify(string? message, string? recipientName, string? senderName)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return MessageClass.Generic;
        }

        var recipientWords = NameWords(recipientName);
        var names = recipientWords.Concat(NameWords(senderName)).ToHashSet(StringComparer.Ordinal);
        var words = Words(Signature().Replace(message.Normalize(NormalizationForm.FormKC), string.Empty))
            .Where(word => !names.Contains(word))
            .ToList();
        TrimEdges(words, Greetings, atStart: true);
        TrimEdges(words, SignOffs, atStart: false);

        if (words.Count == 0 || DefaultWords.Contains(string.Join(' ', words)))
        {
            return MessageClass.Generic;
        }

        var isShort = message.Trim().Length < ShortMessageLength;
        var namesRecipient = Words(message).Any(recipientWords.Contains);
        return isShort && !namesRecipient ? MessageClass.Generic : MessageClass.Personal;
    }

    private static HashSet<string> NameWords(string? name) =>
        Words(PersonName.Normalize(name)).ToHashSet(StringComparer.Ordinal);

    // Case-folded, accent-free words with apostrophes deleted ("I'd" is "id") and other punctuation as breaks.
    private static List<string> Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || c is '\'' or '\u2019' or '\u02BC')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static void TrimEdges(List<string> words, string[][] phrases, bool atStart)
    {
        var trimmed = true;
        while (trimmed)
        {
            trimmed = false;
            foreach (var phrase in phrases)
            {
                if (words.Count < phrase.Length)
                {
                    continue;
                }

                var offset = atStart ? 0 : words.Count - phrase.Length;
                if (phrase.Select((word, i) => words[offset + i] == word).All(same => same))
                {
                    words.RemoveRange(offset, phrase.Length);
                    trimmed = true;
                    break;
                }
            }
        }
    }

    // A closing "- Name" (or "— Name"). Cutting a little too much is harmless: the cut only ever matters when
    // the remainder is exactly a default text.
    [GeneratedRegex(@"(?<=^|[\s.!?])[-–—~]+\s*[\p{L}\p{M}.,' ]{1,60}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Signature();
}
