using System.Text.Json;
using System.Text.Json.Serialization;

namespace InviteTriage.Data;

/// <summary>One JSON shape for the API and the CLI's <c>--json</c>: camelCase names, enums as "not-known".</summary>
public static class TriageJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
