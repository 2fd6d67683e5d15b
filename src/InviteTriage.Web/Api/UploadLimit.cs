namespace InviteTriage.Web.Api;

/// <summary>The largest upload an import accepts (<c>Imports:MaxUploadBytes</c>, 100 MB unless set).</summary>
internal sealed record UploadLimit(long MaxBytes)
{
    public const string Key = "Imports:MaxUploadBytes";

    public static UploadLimit From(IConfiguration configuration) => new(configuration.GetValue<long?>(Key) ?? 100L * 1024 * 1024);

    public string Describe() => $"{MaxBytes / (1024.0 * 1024.0):0.#} MB";
}
