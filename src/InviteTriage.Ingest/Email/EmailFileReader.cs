using System.Runtime.CompilerServices;
using MimeKit;

namespace InviteTriage.Ingest.Email;

/// <summary>Single .eml files and mbox mail folders, message by message.</summary>
internal static class EmailFileReader
{
    public static async IAsyncEnumerable<IngestItem> ReadEmlAsync(
        Stream stream, string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(stream, persistent: false, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new IngestFormatException(file, $"not an e-mail message ({ex.Message})", ex);
        }

        using (message)
        {
            if (!LooksLikeEmail(message))
            {
                throw new IngestFormatException(file, "not an e-mail message: it has no From or Date header");
            }

            yield return LinkedInEmailReader.Read(message, IngestOrigin.Message(file, 1));
        }
    }

    public static async IAsyncEnumerable<IngestItem> ReadMboxAsync(
        Stream stream, string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = new MimeParser(stream, MimeFormat.Mbox, persistent: false);
        var index = 0;
        while (!parser.IsEndOfStream)
        {
            index++;
            MimeMessage? message = null;
            string? damage = null;
            try
            {
                message = await parser.ParseMessageAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException ex) when (index == 1)
            {
                throw new IngestFormatException(file, $"not an mbox mail folder ({ex.Message})", ex);
            }
            catch (FormatException ex)
            {
                damage = ex.Message;
            }

            if (message is null)
            {
                // The parser cannot resynchronise after a broken message, so what follows it is lost; say so.
                yield return new IngestRejection(
                    IngestOrigin.Message(file, index), null, $"the message is damaged and the rest of the mbox cannot be read ({damage})");
                yield break;
            }

            using (message)
            {
                yield return LinkedInEmailReader.Read(message, IngestOrigin.Message(file, index));
            }
        }

        if (index == 0)
        {
            throw new IngestFormatException(file, "not an mbox mail folder: it holds no messages");
        }
    }

    private static bool LooksLikeEmail(MimeMessage message) =>
        message.Headers.Contains(HeaderId.From) || message.Headers.Contains(HeaderId.Date);
}
