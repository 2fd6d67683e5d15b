namespace InviteTriage.Data.Detection;

/// <summary>A stretch of one company's timeline for one user that must be detected again.</summary>
internal sealed record DetectionRegion(string CompanyKey, DateTime From, DateTime To)
{
    /// <summary>Sorts and merges overlapping stretches of each company, so no chain is detected twice.</summary>
    public static IReadOnlyList<DetectionRegion> Merge(IEnumerable<DetectionRegion> regions)
    {
        var merged = new List<DetectionRegion>();
        foreach (var company in regions.GroupBy(r => r.CompanyKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            DetectionRegion? current = null;
            foreach (var region in company.OrderBy(r => r.From))
            {
                if (current is not null && region.From <= current.To)
                {
                    current = current with { To = region.To > current.To ? region.To : current.To };
                    continue;
                }

                if (current is not null)
                {
                    merged.Add(current);
                }

                current = region;
            }

            if (current is not null)
            {
                merged.Add(current);
            }
        }

        return merged;
    }
}
