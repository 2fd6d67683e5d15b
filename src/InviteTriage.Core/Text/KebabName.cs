using System.Text;

namespace InviteTriage.Core.Text;

/// <summary>
/// The outside names of enum values ("not-known" for NotKnown), shared by the CLI flags, the API query
/// strings and the JSON payloads so that every interface spells a status the same way.
/// </summary>
public static class KebabName
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Of(value.ToString());

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string All<TEnum>()
        where TEnum : struct, Enum => string.Join('|', Enum.GetValues<TEnum>().Select(v => Of(v)));

    private static string Of(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
