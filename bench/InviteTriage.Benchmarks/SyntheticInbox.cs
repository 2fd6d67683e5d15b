using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Benchmarks;

/// <summary>
/// Realistic generated invitations: recipients who each get about 8 invitations a day from companies drawn from a
/// Zipf distribution (a few large employers, a long tail of firms seen once), with small-firm flocks injected.
/// The same seed gives the same data.
/// </summary>
internal sealed class SyntheticInbox
{
    public static readonly DateTime Start = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Random _random;
    private readonly double[] _cumulative;

    public SyntheticInbox(int seed, int companies = 20_000, double exponent = 1.1)
    {
        _random = new Random(seed);
        _cumulative = new double[companies];
        var sum = 0.0;
        for (var rank = 0; rank < companies; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, exponent);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < companies; rank++)
        {
            _cumulative[rank] /= sum;
        }
    }

    /// <summary>Invitations of one recipient, with ids starting at <paramref name="firstId"/>.</summary>
    public List<Row> Recipient(int recipient, int count, long firstId)
    {
        var rows = new List<Row>(count);
        var perDay = 8.0;
        var at = Start;
        var id = firstId;
        while (rows.Count < count)
        {
            at = at.AddMinutes(-Math.Log(1 - _random.NextDouble()) * 24 * 60 / perDay);
            if (_random.NextDouble() < 0.01)
            {
                // A flock from a small firm: 3 to 6 colleagues within a few hours.
                var firm = $"flockfirm{recipient}x{rows.Count}";
                var senders = _random.Next(3, 7);
                for (var i = 0; i < senders && rows.Count < count; i++)
                {
                    rows.Add(new Row(id++, recipient, firm, $"https://www.linkedin.com/in/{firm}-{i}", at.AddMinutes(40 * i), i % 3 != 0));
                }

                continue;
            }

            var company = Company();
            rows.Add(new Row(id++, recipient, $"company{company}", $"https://www.linkedin.com/in/person-{_random.Next(2_000_000)}", at, _random.NextDouble() < 0.8));
        }

        return rows;
    }

    private int Company()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return index >= 0 ? index : ~index;
    }

    public sealed record Row(long Id, int Recipient, string CompanyKey, string SenderKey, DateTime SentAt, bool Generic)
    {
        public DetectionInvitation ToDetection() =>
            new(Id, CompanyKey, SenderKey, SentAt, Generic ? MessageClass.Generic : MessageClass.Personal) { SenderName = SenderKey[^8..], Company = CompanyKey };
    }
}
