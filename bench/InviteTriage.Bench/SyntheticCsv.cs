using System.Globalization;
using System.Text;

namespace InviteTriage.Bench;

/// <summary>
/// Generic CSV files (FORMATS.md) of a realistic, generated inbox, one per member of an instance. As in
/// bench/InviteTriage.Benchmarks/SyntheticInbox.cs, companies come from a Zipf distribution (a few large employers,
/// a long tail), and one arrival in a hundred is replaced by a flock of 3 to 6 colleagues of a small firm within a few
/// hours. Every 30 days a campaign flocks most members at once with the same senders. Like real files, a file has
/// companies written several ways, headlines instead of companies, missing profile URLs, personal notes, rows
/// exported twice and a few rows that cannot be read. The same seed gives the same files.
/// </summary>
internal sealed class SyntheticCsv
{
    public const string Header = "sender_name,sent_at,sender_headline,sender_company,sender_profile_url,message,network,external_id";

    private static readonly DateTime Start = new(2004, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] FirstNames =
    [
        "Anna", "Bo", "Carlos", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivo", "José", "Kim", "Lea", "Max", "Nia", "Omar",
        "Pia", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wen", "Yusuf", "Zoé", "Ingrid", "Mateo", "Aiko", "Noor", "Ravi",
    ];

    private static readonly string[] LastNames =
    [
        "Lee", "Chen", "Gál", "Núñez", "Smith", "Roe", "Park", "Okafor", "Novak", "Rossi", "Müller", "Dubois", "Kowalski",
        "Haddad", "Tanaka", "Silva", "O'Brien", "van Dijk", "Nakamura", "Petrov", "Andersen", "Costa", "Ibrahim", "Weber",
    ];

    private static readonly string[] Titles =
    [
        "Senior Accountant", "Talent Acquisition Partner", "Software Engineer", "Sales Director", "Consultant",
        "Account Executive", "Business Development Manager", "Recruiter", "Partner", "Analyst",
    ];

    private static readonly string[] Suffixes = ["", " Inc.", ", Inc", " LLC", " GmbH", " Ltd", " & Co.", " Corporation", " S.A."];

    private static readonly string[] GenericNotes =
    [
        "I'd like to add you to my professional network on LinkedIn.",
        "I'd like to join your LinkedIn network.",
        "I'd like to connect with you on LinkedIn.",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mir", "ten", "vos", "ra", "bel", "dun", "sa", "tor", "fen", "gal", "hex", "ion", "jun", "quo", "wex",
        "zar", "pel", "nor", "cri", "ste", "mon", "val",
    ];

    private const int Companies = 20_000;
    private const double ZipfExponent = 1.1;
    private const double FlockShare = 0.01;
    private static readonly TimeSpan CampaignEvery = TimeSpan.FromDays(30);

    private readonly int _seed;
    private readonly double[] _cumulative = new double[Companies];

    public SyntheticCsv(int seed)
    {
        _seed = seed;
        var sum = 0.0;
        for (var rank = 0; rank < Companies; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, ZipfExponent);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < Companies; rank++)
        {
            _cumulative[rank] /= sum;
        }
    }

    /// <summary>Writes member <paramref name="member"/>'s file of <paramref name="rows"/> data rows, spread over 2004 to 2025.</summary>
    public void Write(string path, int member, int rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine(Header);
        var random = new Random(Mix(_seed, member));
        var meanGapMinutes = (End - Start).TotalMinutes / rows;
        var at = Start;
        var written = 0;
        var externalIds = 6_100_000_000_000_000_000L + (member * 10_000_000_000L);
        string? exportedTwice = null;
        var campaign = Start.AddHours(9);
        while (written < rows)
        {
            at = at.AddMinutes(-Math.Log(1 - random.NextDouble()) * meanGapMinutes);
            var isCampaign = at >= campaign;
            if (isCampaign || random.NextDouble() < FlockShare)
            {
                var flock = isCampaign ? Flock(random, campaign, campaign: (int)(campaign.Ticks / CampaignEvery.Ticks), ref externalIds)
                    : Flock(random, at, campaign: null, ref externalIds);
                campaign = isCampaign ? campaign + CampaignEvery : campaign;
                if (isCampaign && random.NextDouble() < 0.3)
                {
                    // Not every member is reached by every campaign.
                    continue;
                }

                foreach (var line in flock)
                {
                    if (written < rows)
                    {
                        writer.WriteLine(line);
                        written++;
                    }
                }

                continue;
            }

            var roll = random.NextDouble();
            string row;
            if (roll < 0.0001)
            {
                // A row that cannot be read: the rest of the file still imports, and this one is reported.
                row = Row(random, "Robin Unreadable", "last Tuesday", null, "Acme", null, null, null);
            }
            else if (roll < 0.0011 && exportedTwice is not null)
            {
                // The same row again, as when two overlapping exports are joined: a duplicate, not a new invitation.
                row = exportedTwice;
            }
            else
            {
                row = Arrival(random, at, ref externalIds);
                if (random.NextDouble() < 0.01)
                {
                    exportedTwice = row;
                }
            }

            writer.WriteLine(row);
            written++;
        }
    }

    /// <summary>One more ordinary row of an inbox at <paramref name="at"/>, as the file's rows are: a Zipf-drawn company, spelt one of several ways.</summary>
    public string ArrivalRow(Random random, DateTime at, ref long externalIds) => Arrival(random, at, ref externalIds);

    private string Arrival(Random random, DateTime at, ref long externalIds)
    {
        var company = CompanyName(Zipf(random));
        var title = Titles[random.Next(Titles.Length)];
        var person = random.Next(3_000_000);
        var name = Name(random);
        var url = random.NextDouble() < 0.9 ? $"https://www.linkedin.com/in/{Slug(name)}-{person:x}" : null;

        // A sixth of the rows name no company, so that it comes from the headline ("Title at Company").
        var givenCompany = random.NextDouble() < 0.17 ? null : company + Suffixes[random.Next(Suffixes.Length)];
        var headline = random.NextDouble() < 0.1 ? $"{title} at {company} | CPA" : $"{title} at {company}";
        var note = random.NextDouble() switch
        {
            < 0.65 => null,
            < 0.9 => GenericNotes[random.Next(GenericNotes.Length)],
            _ => $"Hi, we met at the {company} meetup in {2004 + random.Next(22)} and I enjoyed our talk about audits. Let's stay in touch!",
        };
        var externalId = random.NextDouble() < 0.4 ? (externalIds++).ToString(CultureInfo.InvariantCulture) : null;
        return Row(random, name, IsoTime(at), headline, givenCompany, url, note, externalId);
    }

    /// <summary>3 to 6 colleagues of a small firm within a few hours. A campaign's firm and senders are the same for every member.</summary>
    private List<string> Flock(Random random, DateTime start, int? campaign, ref long externalIds)
    {
        var firmRandom = campaign is { } number ? new Random(Mix(_seed, number, 1)) : new Random(random.Next());
        var firm = $"{Capitalized(Word(firmRandom, 3))} {(firmRandom.Next(2) == 0 ? "Partners" : "Advisory")}";
        var senders = firmRandom.Next(3, 7);
        var lines = new List<string>(senders);
        for (var i = 0; i < senders; i++)
        {
            var name = Name(firmRandom);
            var url = $"https://www.linkedin.com/in/{Slug(name)}-{Slug(firm)}-{i}";
            var note = random.NextDouble() < 0.8 ? GenericNotes[random.Next(GenericNotes.Length)] : null;
            var externalId = random.NextDouble() < 0.4 ? (externalIds++).ToString(CultureInfo.InvariantCulture) : null;
            lines.Add(Row(random, name, IsoTime(start.AddMinutes((40 * i) + random.Next(30))), $"{Titles[firmRandom.Next(Titles.Length)]} at {firm}",
                firm + Suffixes[random.Next(Suffixes.Length)], url, note, externalId));
        }

        return lines;
    }

    private static string Row(Random random, string name, string sentAt, string? headline, string? company, string? url, string? note, string? externalId)
    {
        var network = random.NextDouble() < 0.03 ? "xing" : "linkedin";
        return string.Join(',', Field(name), sentAt, Field(headline), Field(company), Field(url), Field(note), network, externalId ?? "");
    }

    private static string Name(Random random)
    {
        var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        return random.NextDouble() switch
        {
            < 0.03 => name + ", CPA",
            < 0.05 => name + " - Senior BI Developer",
            _ => name,
        };
    }

    private int Zipf(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return index >= 0 ? index : ~index;
    }

    private string CompanyName(int rank)
    {
        var random = new Random(Mix(_seed, rank, 2));
        var name = Capitalized(Word(random, 2 + random.Next(2)));
        return random.Next(4) == 0 ? $"{name} {Capitalized(Word(random, 2))}" : name;
    }

    private static string Word(Random random, int syllables)
    {
        var word = new StringBuilder();
        for (var i = 0; i < syllables; i++)
        {
            word.Append(Syllables[random.Next(Syllables.Length)]);
        }

        return word.ToString();
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string Slug(string text) =>
        new([.. text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24)]);

    // HashCode.Combine differs from process to process; the files must not.
    private static int Mix(params int[] values)
    {
        var hash = 17;
        foreach (var value in values)
        {
            hash = unchecked((hash * 31) + value);
        }

        return hash & int.MaxValue;
    }

    private static string IsoTime(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
