using System.Globalization;
using System.Text;

namespace InviteTriage.Data.Tests.Imports;

/// <summary>
/// Generic CSV files (FORMATS.md) large enough for an import's bulk path: a few companies, flocks of colleagues, rows
/// exported twice, rows that cannot be read, and a share of rows with an external id. The same seed gives the same rows.
/// </summary>
internal static class GeneratedCsv
{
    public const string Header = "sender_name,sent_at,sender_headline,sender_company,sender_profile_url,message,network,external_id";

    public static List<string> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<string>(count);
        var at = new DateTime(2019, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        while (rows.Count < count)
        {
            at = at.AddMinutes(random.Next(1, 120));
            var roll = random.NextDouble();
            if (roll < 0.01 && rows.Count > 0)
            {
                rows.Add(rows[random.Next(rows.Count)]);
            }
            else if (roll < 0.012)
            {
                rows.Add($"Nobody Readable,not a time,,Acme,,,linkedin,");
            }
            else if (roll < 0.03)
            {
                var firm = $"Flockfirm {rows.Count}";
                for (var i = 0; i < 4 && rows.Count < count; i++)
                {
                    rows.Add(Row(random, $"Colleague {i} of {firm}", at.AddMinutes(30 * i), firm, $"https://www.linkedin.com/in/colleague-{i}-{rows.Count}"));
                }
            }
            else
            {
                var company = $"Company {(int)Math.Pow(random.Next(1, 200), 1.5)}";
                var url = random.Next(10) == 0 ? null : $"https://www.linkedin.com/in/person-{random.Next(1_000_000)}";
                rows.Add(Row(random, $"Person {random.Next(5_000)}", at, company, url));
            }
        }

        return rows;
    }

    public static string Write(string path, IEnumerable<string> rows)
    {
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));
        return path;
    }

    private static string Row(Random random, string name, DateTime at, string company, string? url)
    {
        var externalId = random.Next(3) == 0 ? (7_000_000_000_000_000_000L + random.NextInt64(1_000_000_000_000)).ToString(CultureInfo.InvariantCulture) : "";
        var message = random.Next(4) == 0 ? "I'd like to add you to my professional network on LinkedIn." : "";
        return string.Join(',', name, at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), $"Analyst at {company}", company, url ?? "", message, "linkedin", externalId);
    }
}
