using System.Text;

namespace InviteTriage.Corpus;

/// <summary>
/// The corpus files written at test time: too large to commit (10 MB fields, zip bombs, ReDoS bait) or binary archives
/// whose bytes are easier to read as the code that makes them.
/// </summary>
internal static class GeneratedFiles
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private const string GenericHeader = "sender_name,sent_at,sender_headline,sender_company,sender_profile_url,message,network,external_id\n";
    private const string InvitationsHeader = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
    private const string ConnectionsHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

    public static IEnumerable<CorpusFile> All =>
    [
        // Single fields of 10 MB: the row is rejected by name, the rest of the file imports.
        new("partial/field-of-10mb.csv", CorpusOutcome.Partial, s => WriteAsync(s,
            GenericHeader, GenericRow("Ada Fenwick", "2025-06-01T09:00:00Z"), $"Kim Ortega,2025-06-01T10:00:00Z,,,,{Repeat("lorem ", TenMegabytes)},linkedin,\n",
            GenericRow("Lee Marsh", "2025-06-01T11:00:00Z"))),
        new("partial/name-of-10mb.csv", CorpusOutcome.Partial, s => WriteAsync(s,
            GenericHeader, $"{Repeat("Ada", TenMegabytes)},2025-06-02T09:00:00Z,,,,,linkedin,\n", GenericRow("Lee Marsh", "2025-06-02T11:00:00Z"))),
        new("partial/field-of-10mb.json", CorpusOutcome.Partial, s => WriteAsync(s,
            """[{"senderName": "Ada Fenwick", "sentAt": "2025-06-03T09:00:00Z"}, {"senderName": "Kim Ortega", "sentAt": "2025-06-03T10:00:00Z", "senderHeadline": """ + "\"",
            Repeat("x", TenMegabytes), "\"}]")),
        new("partial/company-of-10mb-connections.csv", CorpusOutcome.Partial, s => WriteAsync(s,
            ConnectionsHeader, $"Sam,Sample,https://www.linkedin.com/in/sam-sample,,{Repeat("Acme ", TenMegabytes)},Engineer,03 Oct 2025\n",
            "Chris,Vale,https://www.linkedin.com/in/chris-vale,,Tidewater Health,Analyst,31 Oct 2025\n")),
        new("partial/message-of-10mb-invitations.csv", CorpusOutcome.Partial, s => WriteAsync(s,
            InvitationsHeader, $"Dana Quill,Robin Example,\"6/4/25, 11:48 AM\",{Repeat("note ", TenMegabytes)},INCOMING,,\n",
            "Lee Marsh,Robin Example,\"6/4/25, 10:31 AM\",,INCOMING,,\n")),
        new("partial/body-of-10mb.eml", CorpusOutcome.Partial, s => WriteAsync(s,
            Mail.Invitation("Ada Fenwick", "Analyst at Pellmore Rusk", "7390000000000000301", note: Repeat("Hello ", TenMegabytes)))),
        new("partial/message-of-10mb.mbox", CorpusOutcome.Partial, s => WriteAsync(s,
            Mail.MboxSeparator, Mail.Invitation("Ada Fenwick", "Analyst at Quillfeather", "7390000000000000302"), "\n",
            Mail.MboxSeparator, Mail.Invitation("Kim Ortega", Repeat("Partner ", TenMegabytes), "7390000000000000303"), "\n")),

        // Oversized: an unbalanced quote turns 13 MB into one field, larger than the API's upload limit in its tests.
        new("partial/unbalanced-quote-of-13mb.csv", CorpusOutcome.Partial, s => WriteAsync(s,
            GenericHeader, GenericRow("Ada Fenwick", "2025-06-05T09:00:00Z"), "\"Open,2025-06-05T10:00:00Z,,,,", Repeat("runaway,\n", 13 * 1024 * 1024))),
        new("partial/header-of-100k-columns.csv", CorpusOutcome.Partial, s => WriteAsync(s,
            "sender_name,sent_at,", string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"c{i}")), "\n", "Ada Fenwick,2025-06-06T09:00:00Z\n")),
        new("partial/quote-storm.csv", CorpusOutcome.Partial, s => WriteAsync(s,
            GenericHeader, GenericRow("Ada Fenwick", "2025-06-07T09:00:00Z"), new string('"', 1_000_001), "\n")),

        // Wrongly encoded past the part that is sniffed, and a first line that never ends.
        new("refused/invalid-utf8-after-64kb.csv", CorpusOutcome.Refused, async s =>
        {
            await WriteAsync(s, GenericHeader, string.Concat(Enumerable.Range(0, 2_000).Select(i => GenericRow($"Sender {i}", "2025-06-08T09:00:00Z"))));
            await s.WriteAsync((byte[])[.. "Bad "u8, 0xFF, 0xFE, .. " Bytes,2025-06-08T09:00:00Z,,,,,linkedin,\n"u8]);
        }),
        new("refused/first-line-of-2mb.txt", CorpusOutcome.Refused, s => WriteAsync(s, Repeat("A", 2 * 1024 * 1024))),

        // Deep nesting: JSON past the reader's depth limit, and MIME multiparts 5000 deep.
        new("refused/json-nested-100k-deep.json", CorpusOutcome.Refused, s => WriteAsync(s, new string('[', 100_000), new string(']', 100_000))),
        new("refused/json-object-nested-10k-deep.json", CorpusOutcome.Refused, s => WriteAsync(s,
            "[{\"senderName\": \"Ada\", \"sentAt\": \"2025-06-09T09:00:00Z\", \"message\": ", Repeat("{\"a\": ", 10_000 * 6), "1", new string('}', 10_000), "}]")),
        new("imported/mime-nested-5000-deep.eml", CorpusOutcome.Imported, s => WriteAsync(s, Mail.NestedMultipart(5_000))),

        // ReDoS bait: HTML that makes a backtracking pattern quadratic, and a display name of 100k spaces.
        new("imported/html-redos-bait.eml", CorpusOutcome.Imported, s => WriteAsync(s, Mail.HtmlOnly(
            Repeat("<script ", 400_000) + Repeat("<style>", 200_000) + Repeat("<a href=\"", 300_000) + Repeat("< ", 200_000)))),
        new("partial/display-name-redos-bait.eml", CorpusOutcome.Partial, s => WriteAsync(s,
            Mail.Invitation("Ada Fenwick", "Analyst at Pellmore Rusk", "7390000000000000304",
                fromHeader: $"\"Ada{new string(' ', 100_000)}x via\" <invitations@linkedin.com>"))),
        new("imported/mbox-of-20k-messages.mbox", CorpusOutcome.Imported, s => WriteAsync(s, string.Concat(Enumerable.Range(0, 20_000).Select(i =>
            $"{Mail.MboxSeparator}From: member{i}@example.org\nSubject: {i}\n\nbody {i}\n\n")))),

        // Zip bombs and hostile archives.
        new("refused/zip-bomb-by-ratio.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s,
            ("Invitations.csv", Encoding.UTF8.GetBytes(InvitationsHeader + new string(' ', 64 * 1024 * 1024))))),
        new("refused/zip-bomb-with-lying-sizes.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteLyingSizeAsync(s,
            "Invitations.csv", Encoding.UTF8.GetBytes(InvitationsHeader + Repeat("Dana Quill,Robin Example,\"6/4/25, 11:48 AM\",,INCOMING,,\n", 30 * 1024 * 1024)), declaredSize: 200)),
        new("refused/zip-inside-zip.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s,
            ("Invitations.csv", ZipCrafting.Create(("Invitations.csv", ZipCrafting.Create(("Invitations.csv", Encoding.UTF8.GetBytes(InvitationsHeader)))))))),
        new("refused/zip-traversal-dotdot.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s, ("../../../../tmp/Invitations.csv", ValidInvitations()))),
        new("refused/zip-traversal-absolute.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s, ("/etc/cron.d/Invitations.csv", ValidInvitations()))),
        new("refused/zip-traversal-backslashes.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s, ("..\\..\\Windows\\Invitations.csv", ValidInvitations()))),
        new("refused/zip-traversal-drive-letter.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s, ("C:\\Users\\Public\\Invitations.csv", ValidInvitations()))),
        new("refused/zip-traversal-beside-a-good-entry.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s,
            ("Invitations.csv", ValidInvitations()), ("export/../../evil.sh", "#!/bin/sh\nrm -rf ~\n"u8.ToArray()))),
        new("refused/zip-truncated.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteTruncatedAsync(s, ("Invitations.csv", ValidInvitations()))),
        new("refused/zip-empty.zip", CorpusOutcome.Refused, s => ZipCrafting.WriteAsync(s)),
        new("refused/zip-encrypted-entry.zip", CorpusOutcome.Refused, s => ZipCrafting.WritePatchedAsync(s, ("Invitations.csv", ValidInvitations()), ZipPatch.EncryptedFlag)),
        new("refused/zip-unknown-compression-method.zip", CorpusOutcome.Refused, s => ZipCrafting.WritePatchedAsync(s, ("Invitations.csv", ValidInvitations()), ZipPatch.UnknownMethod)),
        new("refused/zip-crc-mismatch.zip", CorpusOutcome.Refused, s => ZipCrafting.WritePatchedAsync(s, ("Invitations.csv", ValidInvitations()), ZipPatch.WrongCrc)),
        new("imported/zip-of-10k-entries.zip", CorpusOutcome.Imported, s => ZipCrafting.WriteAsync(s,
            [.. Enumerable.Range(0, 10_000).Select(i => ($"Basic_LinkedInDataExport/filler/{i}.txt", "x"u8.ToArray())), ("Basic_LinkedInDataExport/Invitations.csv", ValidInvitations())])),
        new("imported/zip-html-in-every-field.zip", CorpusOutcome.Imported, s => ZipCrafting.WriteAsync(s,
            ("Connections.csv", Encoding.UTF8.GetBytes(ConnectionsHeader + "\"<script>alert(1)</script>\",Sample,\"https://www.linkedin.com/in/s\"\"><b>\",,\"Acme <img src=x onerror=alert(2)>\",Engineer,03 Oct 2025\n")),
            ("Invitations.csv", Encoding.UTF8.GetBytes(InvitationsHeader + "\"<svg/onload=alert(3)> Dana\",Robin Example,\"6/10/25, 11:48 AM\",\"<b>hi</b>\",INCOMING,https://www.linkedin.com/in/d'><i>,\n")))),
    ];

    private static byte[] ValidInvitations() => Encoding.UTF8.GetBytes(InvitationsHeader + "Dana Quill,Robin Example,\"6/11/25, 11:48 AM\",,INCOMING,https://www.linkedin.com/in/dana-quill,\n");

    private static string GenericRow(string name, string sentAt) => $"{name},{sentAt},,,,,linkedin,\n";

    private static string Repeat(string text, int length)
    {
        var builder = new StringBuilder(length + text.Length);
        while (builder.Length < length)
        {
            builder.Append(text);
        }

        return builder.ToString();
    }

    private static async Task WriteAsync(Stream stream, params string[] parts)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        foreach (var part in parts)
        {
            await writer.WriteAsync(part);
        }
    }
}
