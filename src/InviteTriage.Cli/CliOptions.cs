using System.CommandLine;
using System.CommandLine.Parsing;
using InviteTriage.Core.Text;

namespace InviteTriage.Cli;

/// <summary>
/// The options several verbs share. Named values (statuses, actions, formats) are parsed here, so a wrong value is a
/// parse error: exit 2 before the store is touched, with a message that lists the allowed values.
/// </summary>
internal static class CliOptions
{
    public delegate bool TryParse<T>(string? text, out T value);

    public static Option<string> User(string description = "The e-mail of the member whose invitations these are.") =>
        new("--user") { Description = description, Required = true };

    /// <summary>A required choice among an enum's outside names ("not-known" for NotKnown).</summary>
    public static Option<TEnum> Required<TEnum>(string name, string description)
        where TEnum : struct, Enum
    {
        var allowed = KebabName.All<TEnum>();
        return new Option<TEnum>(name)
        {
            Description = description,
            HelpName = allowed,
            Required = true,
            CustomParser = result => Parse<TEnum>(result, name, allowed, KebabName.TryParse),
        };
    }

    /// <summary>An optional filter over an enum's outside names, or "all".</summary>
    public static Option<StatusFilter<TStatus>> Filter<TStatus>(string name, string description, TStatus? whenOmitted)
        where TStatus : struct, Enum
    {
        var allowed = $"{KebabName.All<TStatus>()}|all";
        return new Option<StatusFilter<TStatus>>(name)
        {
            Description = description,
            HelpName = allowed,
            DefaultValueFactory = _ => new StatusFilter<TStatus>(whenOmitted),
            CustomParser = result => Parse(result, name, allowed, (string? text, out StatusFilter<TStatus> filter) =>
            {
                var isAll = string.Equals(text?.Trim(), "all", StringComparison.OrdinalIgnoreCase);
                var isOne = KebabName.TryParse<TStatus>(text, out var status);
                filter = new StatusFilter<TStatus>(isOne ? status : null);
                return isAll || isOne;
            }),
        };
    }

    /// <summary>An optional choice among names that another type defines, such as the import formats.</summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyList<string> names, TryParse<T> tryParse, T whenOmitted)
    {
        var allowed = string.Join('|', names);
        return new Option<T>(name)
        {
            Description = description,
            HelpName = allowed,
            DefaultValueFactory = _ => whenOmitted,
            CustomParser = result => Parse(result, name, allowed, tryParse),
        };
    }

    private static T Parse<T>(ArgumentResult result, string name, string allowed, TryParse<T> tryParse)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (tryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a valid {name}; use one of {allowed}.");
        return value;
    }
}
