using System.Globalization;
using System.Text;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Ingest;
using static InviteTriage.Data.Demo.DemoVocabulary;

namespace InviteTriage.Data.Demo;

/// <summary>
/// Generates a fictional inbox: about four months of invitations ending yesterday, from a few large employers and a
/// long tail of small firms, with flocks of different strengths, repeats, personal notes and near misses placed in
/// it. The same seed and the same day give the same drafts; another day gives the same inbox shifted in time, with
/// the same external ids, so that loading it again adds nothing.
/// </summary>
internal sealed class DemoInbox
{
    public const string SourceName = "demo";
    public const int Days = 120;

    // Each large employer invites on about this share of weekdays (less at weekends), at most once a day. The first
    // is the one whose three colleagues in a day must not be flagged, so it invites about every other day.
    private static readonly double[] LargeEmployerRates = [0.65, 0.3, 0.2];

    // A firm of the long tail invites again only this many days after its last invitation, so that background
    // invitations never chain within H = 24 h and every flock in the demo is one placed on purpose.
    private const int TailReuseDays = 3;

    private const int Repeats = 4;

    private readonly Random _random;
    private readonly DateTime _lastDay;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _companyKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<Company, int> _tailLastUsed = [];
    private readonly List<Sent> _sent = [];
    private readonly List<(Sent Sent, Company Company)> _repeatCandidates = [];
    private readonly List<DemoFlock> _flocks = [];
    private readonly List<DemoNearMiss> _nearMisses = [];

    private DemoInbox(int seed, DateTime lastDay)
    {
        // A seeded System.Random keeps its legacy algorithm, so one seed gives one inbox on every run.
        _random = new Random(seed);
        _lastDay = lastDay;
    }

    /// <summary>The inbox whose last day is the day before <paramref name="now"/> (UTC).</summary>
    public static DemoPlan Generate(int seed, DateTimeOffset now) =>
        new DemoInbox(seed, DateTime.SpecifyKind(now.UtcDateTime.Date.AddDays(-1), DateTimeKind.Utc)).Build();

    /// <summary>
    /// A seed of the member's own, so that members of one instance who all load the demo get different firms and
    /// senders; identical inboxes would trip the cross-member campaign rules and make every flock look likely.
    /// </summary>
    public static int SeedFor(string ownerId)
    {
        // FNV-1a, because string.GetHashCode differs from one process to the next.
        var hash = 2166136261u;
        foreach (var c in ownerId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash & int.MaxValue);
    }

    private DemoPlan Build()
    {
        var large = Shuffled(LargeEmployers).Take(LargeEmployerRates.Length).Select(e => Reserve(new Company(e.Name, e.Sector))).ToList();
        var largeTrioDaysAgo = WorkingDay(_random.Next(42, 51));

        MorningFlock();
        CampaignFlock();
        ReviewFlock();
        TwoDayFlock();
        WorkshopFlock();
        ColleaguePair();
        LargeEmployerTrio(large[0], largeTrioDaysAgo);
        SlowTrickle();
        Background(large, largeTrioDaysAgo);
        RepeatInvitations();

        var drafts = _sent
            .OrderBy(s => s.At)
            .Select((s, index) => Draft(s, index + 1))
            .ToList();
        return new DemoPlan(drafts, _flocks, _nearMisses);
    }

    /// <summary>The founding story: five people of a small accounting firm before noon, generic texts, one of them for the second time.</summary>
    private void MorningFlock()
    {
        var (a, b) = TwoFirmSurnames();
        var key = CompanyKey.Normalize($"{a} {b}")!;
        _companyKeys.Add(key);

        // One firm, written the ways its people write it; the company key makes them one.
        string[] spellings = [$"{a} {b} & Company, P.C.", $"{a} {b}", $"{a}{b}", $"{a} {b}, P.C.", $"{a} {b} & Co."];
        var day = Day(WorkingDay(_random.Next(5, 11)));
        var people = spellings.Select(spelling => NewPerson(Accounting, spelling, withUrl: true)).ToList();
        var at = day.AddHours(8).AddMinutes(_random.Next(10, 40));
        foreach (var person in people)
        {
            Send(person, at, GenericMessage());
            at = at.AddMinutes(_random.Next(20, 46));
        }

        Send(people[2], day.AddDays(-_random.Next(21, 41)).AddHours(_random.Next(9, 17)).AddMinutes(_random.Next(60)), GenericMessage());
        _flocks.Add(new DemoFlock(spellings[0], key, 5, 4 + 1.5 + 2, FlockSeverity.Likely,
            "five colleagues of a small accounting firm in one morning, generic texts, one of them inviting for the second time"));
    }

    /// <summary>Six recruiters of one agency in a late morning, all with stock texts.</summary>
    private void CampaignFlock()
    {
        var company = NewCompany(Recruiting);
        var text = DefaultTexts[_random.Next(DefaultTexts.Length)];
        var at = Day(WorkingDay(_random.Next(30, 39))).AddHours(9).AddMinutes(_random.Next(60));
        for (var i = 0; i < 6; i++)
        {
            Send(NewPerson(company), at, i % 3 == 2 ? Pick(ShortNotes) : text);
            at = at.AddMinutes(_random.Next(15, 45));
        }

        _flocks.Add(new DemoFlock(company.Name, Key(company), 6, 5 + 1.5, FlockSeverity.Likely, "six recruiters of one agency within a few hours, all with stock texts"));
    }

    /// <summary>Three consultants of one firm within a working day: a flock, but weak enough to leave to the user.</summary>
    private void ReviewFlock()
    {
        var company = NewCompany(Consulting);
        var at = Day(WorkingDay(_random.Next(17, 25))).AddHours(_random.Next(9, 12)).AddMinutes(_random.Next(60));
        for (var i = 0; i < 3; i++)
        {
            Send(NewPerson(company), at, GenericMessage());
            at = at.AddMinutes(_random.Next(60, 150));
        }

        _flocks.Add(new DemoFlock(company.Name, Key(company), 3, 2 + 1.5, FlockSeverity.Review, "three consultants of one firm within a working day"));
    }

    /// <summary>Four people of a software firm over two days: each within a day of the last, so they chain into one flock.</summary>
    private void TwoDayFlock()
    {
        var company = NewCompany(Technology);
        var personal = _random.Next(4);
        var at = Day(WorkingDay(_random.Next(56, 66))).AddHours(_random.Next(15, 18)).AddMinutes(_random.Next(60));
        TimeSpan[] gaps = [TimeSpan.FromHours(_random.Next(14, 21)), TimeSpan.FromHours(_random.Next(1, 4)), TimeSpan.FromHours(_random.Next(14, 20))];
        for (var i = 0; i < 4; i++)
        {
            Send(NewPerson(company), at, i == personal ? PersonalNote(PersonalNotes) : GenericMessage());
            at = i < gaps.Length ? at + gaps[i] + TimeSpan.FromMinutes(_random.Next(60)) : at;
        }

        _flocks.Add(new DemoFlock(company.Name, Key(company), 4, 3 + 1.5, FlockSeverity.Review, "four people of a software firm spread over two days, three of them without a note"));
    }

    /// <summary>Three designers after a workshop, each with a real note: flagged, but the notes bring the score down.</summary>
    private void WorkshopFlock()
    {
        var company = NewCompany(Design);
        var topic = Pick(WorkshopTopics);
        var notes = Shuffled(WorkshopNotes);
        var at = Day(WorkingDay(_random.Next(85, 96))).AddHours(16).AddMinutes(_random.Next(60));
        for (var i = 0; i < 3; i++)
        {
            Send(NewPerson(company), at, notes[i].Replace("{topic}", topic, StringComparison.Ordinal));
            at = at.AddMinutes(_random.Next(20, 70));
        }

        _flocks.Add(new DemoFlock(company.Name, Key(company), 3, 2 - 1.5, FlockSeverity.Review, "three designers after a workshop, each with a personal note"));
    }

    /// <summary>Two colleagues within the hour: fewer than N = 3 senders, so no flock.</summary>
    private void ColleaguePair()
    {
        var company = NewCompany(Finance);
        var at = Day(WorkingDay(_random.Next(11, 16))).AddHours(_random.Next(10, 16)).AddMinutes(_random.Next(30));
        Send(NewPerson(company), at, GenericMessage());
        Send(NewPerson(company), at.AddMinutes(_random.Next(10, 50)), GenericMessage());
        _nearMisses.Add(new DemoNearMiss(company.Name, Key(company), "two colleagues within the hour: fewer than three senders"));
    }

    /// <summary>Three people of an employer that invites about every other day, in one day: a candidate, but no surprise.</summary>
    private void LargeEmployerTrio(Company employer, int daysAgo)
    {
        var at = Day(daysAgo).AddHours(_random.Next(9, 11)).AddMinutes(_random.Next(60));
        for (var i = 0; i < 3; i++)
        {
            Send(NewPerson(employer), at, GenericMessage());
            at = at.AddMinutes(_random.Next(60, 150));
        }

        _nearMisses.Add(new DemoNearMiss(employer.Name, Key(employer), "three colleagues in a day from an employer that invites about every other day"));
    }

    /// <summary>Three people of a clinic two days apart each: more than H = 24 h between them, so they never group.</summary>
    private void SlowTrickle()
    {
        var company = NewCompany(Health);
        var daysAgo = _random.Next(70, 77);
        for (var i = 0; i < 3; i++)
        {
            Send(NewPerson(company), Day(daysAgo + (2 * i)).AddHours(_random.Next(9, 17)).AddMinutes(_random.Next(60)), GenericMessage());
        }

        _nearMisses.Add(new DemoNearMiss(company.Name, Key(company), "three colleagues two days apart each: never within a day of each other"));
    }

    /// <summary>The everyday inbox: a few invitations each weekday, fewer at weekends, and at least one yesterday.</summary>
    private void Background(List<Company> large, int largeTrioDaysAgo)
    {
        for (var daysAgo = Days - 1; daysAgo >= 0; daysAgo--)
        {
            var day = Day(daysAgo);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            for (var i = 0; i < large.Count; i++)
            {
                // The trio's own day stays clean, so that the near miss shows exactly its three colleagues.
                var trioDay = i == 0 && Math.Abs(daysAgo - largeTrioDaysAgo) <= 1;
                if (!trioDay && _random.NextDouble() < LargeEmployerRates[i] * (weekend ? 0.3 : 1))
                {
                    Send(NewPerson(large[i]), BusinessHour(day), BackgroundMessage());
                }
            }

            var count = weekend ? _random.Next(0, 2) : _random.Next(1, 6);
            if (daysAgo == 0)
            {
                count = Math.Max(count, 1);
            }

            for (var i = 0; i < count; i++)
            {
                if (_random.NextDouble() < 0.06)
                {
                    Send(NewPersonWithoutCompany(), BusinessHour(day), BackgroundMessage());
                    continue;
                }

                var company = TailCompany(daysAgo);
                var sent = Send(NewPerson(company), BusinessHour(day), BackgroundMessage());
                if (daysAgo >= 45)
                {
                    _repeatCandidates.Add((sent, company));
                }
            }
        }
    }

    /// <summary>A few senders of the long tail invite again weeks later, some with a follow-up note.</summary>
    private void RepeatInvitations()
    {
        // One repeat per firm at most: two of them close to a colleague's invitation could make a third sender.
        foreach (var (first, _) in Shuffled(_repeatCandidates).DistinctBy(c => c.Company).Take(Repeats))
        {
            var again = first.At.Date.AddDays(_random.Next(14, 36));
            var message = _random.Next(2) == 0 ? PersonalNote(FollowUps) : null;
            Send(first.Person, BusinessHour(again), message);
        }
    }

    private Company TailCompany(int daysAgo)
    {
        var reusable = _tailLastUsed.Where(c => c.Value - daysAgo >= TailReuseDays).Select(c => c.Key).ToList();
        var company = reusable.Count > 0 && _random.NextDouble() < 0.25
            ? reusable[_random.Next(reusable.Count)]
            : NewCompany(Pick(Sectors));
        _tailLastUsed[company] = daysAgo;
        return company;
    }

    private Company NewCompany(Sector sector)
    {
        while (true)
        {
            var coined = Pick(NameRoots) + Pick(NameEndings);
            var kind = Pick(sector.FirmKinds);
            var name = _random.Next(4) switch
            {
                0 => $"{coined} {kind}",
                1 => $"{Pick(FirmSurnames)} {kind}",
                2 => $"{Pick(FirmSurnames)} & {Pick(FirmSurnames)}",
                _ => coined,
            };
            if (_random.NextDouble() < 0.2)
            {
                name += Pick(LegalSuffixes);
            }

            var company = new Company(name, sector);
            if (_companyKeys.Add(Key(company)))
            {
                return company;
            }
        }
    }

    private (string A, string B) TwoFirmSurnames()
    {
        var names = Shuffled(FirmSurnames);
        return (names[0], names[1]);
    }

    private Company Reserve(Company company)
    {
        _companyKeys.Add(Key(company));
        return company;
    }

    private Person NewPerson(Company company) => NewPerson(company.Sector, company.Name, withUrl: null);

    private Person NewPerson(Sector sector, string company, bool? withUrl)
    {
        var name = UniqueName();
        return new Person(name, Headline(sector, company), withUrl ?? _random.NextDouble() < 0.75 ? ProfileUrlOf(name) : null);
    }

    private Person NewPersonWithoutCompany()
    {
        var name = UniqueName();
        return new Person(name, Pick(HeadlinesWithoutCompany), _random.NextDouble() < 0.75 ? ProfileUrlOf(name) : null);
    }

    // The forms real headlines take; each still gives the company back through HeadlineCompany.Parse.
    private string Headline(Sector sector, string company)
    {
        var title = Pick(sector.Titles);
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.20 when sector.Credentials.Length > 0 => $"{title} at {company} | {Pick(sector.Credentials)}",
            < 0.28 when sector.Credentials.Length > 0 => $"{Pick(sector.Credentials)} | {title} at {company}",
            < 0.40 => $"{title} - {company}",
            < 0.46 => $"{title} @ {company}",
            _ => $"{title} at {company}",
        };
    }

    private string UniqueName()
    {
        while (true)
        {
            var name = $"{Pick(FirstNames)} {Pick(LastNames)}";
            if (_names.Add(name))
            {
                return name;
            }
        }
    }

    // Lower-case ASCII like LinkedIn's own slugs, with the short suffix it adds to common names.
    private string ProfileUrlOf(string name)
    {
        var ascii = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                ascii.Append(char.ToLowerInvariant(c));
            }
            else if (c == ' ')
            {
                ascii.Append('-');
            }
            else if (c == 'ø')
            {
                ascii.Append('o');
            }
        }

        // Always suffixed: a bare name-slug could be the same person in another member's demo, which the
        // cross-member sender rule would then count.
        var suffix = _random.Next(0x100000, 0x10000000).ToString("x", CultureInfo.InvariantCulture);
        return $"https://www.linkedin.com/in/{ascii}-{suffix}";
    }

    // Most invitations carry no note at all; some the stock text; a few a real note.
    private string? BackgroundMessage() => _random.NextDouble() switch
    {
        < 0.50 => null,
        < 0.75 => Pick(DefaultTexts),
        < 0.85 => Pick(ShortNotes),
        _ => PersonalNote(PersonalNotes),
    };

    private string? GenericMessage() => _random.NextDouble() < 0.6 ? null : Pick(DefaultTexts);

    private string PersonalNote(string[] templates) =>
        Pick(templates).Replace("{event}", Pick(Events), StringComparison.Ordinal).Replace("{topic}", Pick(Topics), StringComparison.Ordinal);

    private DateTime BusinessHour(DateTime day) => day.AddHours(_random.Next(7, 21)).AddMinutes(_random.Next(60));

    private DateTime Day(int daysAgo) => _lastDay.AddDays(-daysAgo);

    // The stories happen on working days, as farming does; a weekend date moves back to the Friday.
    private int WorkingDay(int daysAgo) => Day(daysAgo).DayOfWeek switch
    {
        DayOfWeek.Saturday => daysAgo + 1,
        DayOfWeek.Sunday => daysAgo + 2,
        _ => daysAgo,
    };

    private Sent Send(Person person, DateTime at, string? message)
    {
        var sent = new Sent(person, at, message);
        _sent.Add(sent);
        return sent;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T[] Shuffled<T>(IEnumerable<T> items)
    {
        var array = items.ToArray();
        _random.Shuffle(array);
        return array;
    }

    private static string Key(Company company) => CompanyKey.Normalize(company.Name)!;

    private static InvitationDraft Draft(Sent sent, int number) => new()
    {
        SenderName = sent.Person.Name,
        SenderHeadline = sent.Person.Headline,
        SenderProfileUrl = sent.Person.ProfileUrl,
        SentAt = sent.At,
        Message = sent.Message,
        ExternalId = $"demo-{number}",
        Source = InvitationSource.Demo,
        Origin = IngestOrigin.Element(SourceName, number),
    };

    private sealed record Company(string Name, Sector Sector);

    private sealed record Person(string Name, string Headline, string? ProfileUrl);

    private sealed record Sent(Person Person, DateTime At, string? Message);
}
