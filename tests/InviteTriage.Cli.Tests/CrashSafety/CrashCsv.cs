using System.Globalization;
using System.Text;

namespace InviteTriage.Cli.Tests.CrashSafety;

/// <summary>
/// A generic CSV large enough to take an import's bulk path and its rebuild: companies of every size, flocks of
/// colleagues, rows exported twice and rows that cannot be read. The same seed gives the same file.
/// </summary>
public static class CrashCsv
{
    public static void Write(string path, int rows, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(InvitationCsv.Header);
        var at = new DateTime(2016, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var written = 0;
        string? earlier = null;
        while (written < rows)
        {
            at = at.AddMinutes(random.Next(1, 40));
            var roll = random.NextDouble();
            if (roll < 0.0002)
            {
                writer.WriteLine("Nobody Readable,not a time,,Acme,,,linkedin,");
                written++;
            }
            else if (roll < 0.002 && earlier is not null)
            {
                writer.WriteLine(earlier);
                written++;
            }
            else if (roll < 0.012)
            {
                var firm = $"Flockfirm {written}";
                for (var i = 0; i < 4 && written < rows; i++, written++)
                {
                    writer.WriteLine(Row(random, $"Colleague {i}", at.AddMinutes(35 * i), firm, $"https://www.linkedin.com/in/colleague-{i}-{written}"));
                }
            }
            else
            {
                // Company sizes spread like real employers': a few large ones, a long tail.
                var company = $"Company {(int)Math.Pow(random.Next(1, 400), 1.6)}";
                earlier = Row(random, $"Person {random.Next(20_000)}", at, company, $"https://www.linkedin.com/in/person-{random.Next(5_000_000)}");
                writer.WriteLine(earlier);
                written++;
            }
        }
    }

    private static string Row(Random random, string name, DateTime at, string company, string url)
    {
        var externalId = random.Next(3) == 0 ? (7_000_000_000_000_000_000L + random.NextInt64(1_000_000_000_000)).ToString(CultureInfo.InvariantCulture) : "";
        var message = random.Next(4) == 0 ? "I'd like to add you to my professional network on LinkedIn." : "";
        return string.Join(',', name, at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), $"Analyst at {company}", company, url, message, "linkedin", externalId);
    }
}
