using CsCheck;
using InviteTriage.Corpus;
using InviteTriage.Ingest.Tests.TestSupport;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests;

/// <summary>
/// Fuzzing with CsCheck: random bytes, and random mutations of the samples and the hostile corpus, read by every reader.
/// Whatever the input, a reader either yields items or throws its own <see cref="IngestFormatException"/>; any other
/// exception would escape the import as a 500 or a crash. CsCheck shrinks a failure to a small input and prints its seed.
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly ImportFormat[] Formats = Enum.GetValues<ImportFormat>();

    // Bytes that mean something to one of the formats, so that mutations reach past the first check of each reader.
    private static readonly byte[][] Tokens =
    [
        "\""u8.ToArray(), ","u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "\r\n"u8.ToArray(), [0], [0xFF], [0xC3], [0xED, 0xA0, 0x80],
        "From "u8.ToArray(), "\nFrom MAILER-DAEMON Mon Nov 24 09:02:31 2025\n"u8.ToArray(), "--"u8.ToArray(), "\n\n"u8.ToArray(), ": "u8.ToArray(),
        "=?utf-8?B?"u8.ToArray(), "?="u8.ToArray(), "Content-Type: multipart/mixed; boundary=x\n\n--x\n"u8.ToArray(),
        "Content-Transfer-Encoding: base64\n"u8.ToArray(), "charset=utf-16"u8.ToArray(), "<script>"u8.ToArray(), "href=\""u8.ToArray(),
        "https://www.linkedin.com/comm/people/invite-accept?invitationId="u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), "{"u8.ToArray(),
        "}"u8.ToArray(), "\\ud800"u8.ToArray(), "\\u0000"u8.ToArray(), "1e999"u8.ToArray(),
        "PK\x03\x04"u8.ToArray(), "PK\x01\x02"u8.ToArray(), "PK\x05\x06"u8.ToArray(), "\uFEFF"u8.ToArray(), [0xFF, 0xFE],
    ];

    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes, ImportFormat Format)>> Seeds = new(LoadSeeds);

    private static readonly Gen<Mutation> Mutations = Gen.Select(
        Gen.Int[0, 6], Gen.Double[0, 1], Gen.Int[1, 256], Gen.Byte, Gen.Int[0, Tokens.Length - 1],
        (kind, at, length, value, token) => new Mutation(kind, at, length, value, token));

    [Fact]
    public async Task RandomBytes_ReadByEveryReader_OnlyEverRaiseTheReadersOwnFormatError()
    {
        var inputs = Gen.Select(Gen.Byte.Array[0, 3000], Gen.OneOfConst(Formats));

        await inputs.SampleAsync((bytes, format) => ReadOrRefuseAsync(bytes, format), iter: 10_000, print: Describe);
    }

    [Fact]
    public async Task MutatedSamplesAndCorpus_ReadByTheirReaderAndByAuto_OnlyEverRaiseTheReadersOwnFormatError()
    {
        var inputs = Gen.Select(Gen.Int[0, Seeds.Value.Count - 1], Mutations.Array[1, 12], Gen.Bool);

        await inputs.SampleAsync(
            (seed, mutations, auto) =>
            {
                var (_, bytes, format) = Seeds.Value[seed];
                return ReadOrRefuseAsync(Mutate(bytes, mutations), auto ? ImportFormat.Auto : format);
            },
            iter: 20_000,
            print: input => $"{Seeds.Value[input.Item1].Name} with {input.Item2.Length} mutation(s), auto: {input.Item3}");
    }

    private static async Task ReadOrRefuseAsync(byte[] bytes, ImportFormat format)
    {
        try
        {
            await ReadBytesAsync(bytes, "fuzz.bin", format);
        }
        catch (IngestFormatException)
        {
            // The reader's own refusal of the whole file: what bad input is allowed to end in.
        }
    }

    private static byte[] Mutate(byte[] seed, Mutation[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var m in mutations)
        {
            var at = (int)(m.At * bytes.Count);
            var length = Math.Min(m.Length, bytes.Count - at);
            switch (m.Kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] = m.Value;
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << (m.Value % 8));
                    break;
                case 2:
                    bytes.InsertRange(at, Tokens[m.Token]);
                    break;
                case 3:
                    bytes.RemoveRange(at, length);
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Repeat(m.Value, m.Length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static List<(string, byte[], ImportFormat)> LoadSeeds()
    {
        (string Path, ImportFormat Format)[] samples =
        [
            ("linkedin-2024/Invitations.csv", ImportFormat.LinkedInInvitations), ("linkedin-2021/Invitations.csv", ImportFormat.LinkedInInvitations),
            ("linkedin-2024/Connections.csv", ImportFormat.LinkedInConnections), ("linkedin-2021/Connections.csv", ImportFormat.LinkedInConnections),
            ("generic/invitations.csv", ImportFormat.Csv), ("generic/invitations.json", ImportFormat.Json),
            ("emails/invitation-current.eml", ImportFormat.Eml), ("emails/invitation-2016.eml", ImportFormat.Eml),
            ("emails/invitation-italian.eml", ImportFormat.Eml), ("emails/accepted.eml", ImportFormat.Eml),
            ("emails/reminder.eml", ImportFormat.Eml), ("emails/invitations.mbox", ImportFormat.Mbox),
        ];
        var seeds = samples.Select(s => (s.Path, SampleFiles.Bytes(s.Path), s.Format)).ToList();
        seeds.Add(("export.zip", Zips.Create(
            ("Connections.csv", SampleFiles.Bytes("linkedin-2024/Connections.csv")), ("Invitations.csv", SampleFiles.Bytes("linkedin-2024/Invitations.csv"))),
            ImportFormat.LinkedInZip));

        // The committed hostile files start further into the odd corners; their own reader is whatever auto finds.
        foreach (var file in HostileCorpus.Files.Where(f => !f.IsGenerated))
        {
            seeds.Add((file.Name, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", file.Name)), ImportFormat.Auto));
        }

        return seeds;
    }

    private static string Describe((byte[] Bytes, ImportFormat Format) input) =>
        $"{input.Format}: {Convert.ToHexString(input.Bytes.AsSpan(0, Math.Min(input.Bytes.Length, 200)))}";

    private readonly record struct Mutation(int Kind, double At, int Length, byte Value, int Token);
}
