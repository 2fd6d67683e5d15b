using System.Globalization;
using InviteTriage.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

/// <summary>
/// Reads the kebab-case enum names and ISO 8601 times of one request. Every value that does not parse is collected,
/// so that one 400 <see cref="Problem"/> names each bad field and what it accepts; the values read are meaningful
/// only when there is no problem.
/// </summary>
internal sealed class RequestValues
{
    public const string All = "all";

    // A date alone, or a time with or without an offset; no offset means UTC, the store's time.
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public ValidationProblem? Problem => _errors.Count == 0 ? null : TypedResults.ValidationProblem(_errors);

    /// <summary>A filter value: missing, empty or "all" filters nothing (null).</summary>
    public TEnum? Filter<TEnum>(string field, string? text)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), All, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (KebabName.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        _errors[field] = [$"'{text}' is not a known {field}; use {KebabName.All<TEnum>()}|{All}."];
        return null;
    }

    public TEnum Required<TEnum>(string field, string? text)
        where TEnum : struct, Enum
    {
        if (KebabName.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        _errors[field] = [string.IsNullOrWhiteSpace(text)
            ? $"is required; use {KebabName.All<TEnum>()}."
            : $"'{text}' is not a known {field}; use {KebabName.All<TEnum>()}."];
        return default;
    }

    /// <summary>An ISO 8601 time as UTC, or null when it is missing.</summary>
    public DateTime? Time(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(
                text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.UtcDateTime;
        }

        // A '+' in a query string arrives as a space, so an offset like +01:00 must be sent as %2B01:00.
        _errors[field] = [$"'{text}' is not an ISO 8601 time like 2025-11-24T09:02:00Z or 2025-11-24 (midnight UTC); send a + offset as %2B."];
        return null;
    }

    /// <summary>Records a rule between values that each parsed, such as a range whose end precedes its start.</summary>
    public void Refuse(string field, string reason) => _errors[field] = [reason];
}
