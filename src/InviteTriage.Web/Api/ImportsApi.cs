using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using InviteTriage.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

/// <summary>Files uploaded for import, the batch each import made, and undoing one.</summary>
internal static class ImportsApi
{
    public static void MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports");
        imports.MapPost("", ImportAsync).WithName("ImportFiles").DisableAntiforgery();
        imports.MapGet("/{id:long}", GetAsync).WithName("GetImport");
        imports.MapDelete("/{id:long}", UndoAsync).WithName("UndoImport");
    }

    private static async Task<Results<Ok<ImportFilesResponse>, ProblemHttpResult, ValidationProblem>> ImportAsync(
        HttpContext http, ImportService imports, UploadLimit limit, string? format, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the files as multipart/form-data.");
        }

        if (http.Request.ContentLength > limit.MaxBytes)
        {
            return TooLarge(limit);
        }

        var kind = ImportFormat.Auto;
        if (!string.IsNullOrEmpty(format) && !ImportFormats.TryParse(format, out kind))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["format"] = [$"'{format}' is not a format; use {string.Join('|', ImportFormats.AllNames)}."],
            });
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // The form reader's or the server's own limit, for a body that did not declare its length.
            return TooLarge(limit);
        }

        if (form.Files.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No file was uploaded.", detail: "Attach one or more files as form fields.");
        }

        var streams = form.Files.Select(file => (file.FileName, Stream: file.OpenReadStream())).ToList();
        try
        {
            var sources = streams.Select(s => ImportSource.FromStream(s.Stream, s.FileName, kind)).ToList();
            var summary = await imports.ImportAsync(http.User.OwnerId(), ApiActor.Of(http.User), ImportFormats.ToName(kind), sources, null, cancellationToken);
            return summary.Error is { } error
                ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The import was refused; nothing was stored.", detail: error)
                : TypedResults.Ok(ImportFilesResponse.From(summary));
        }
        finally
        {
            foreach (var (_, stream) in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static ProblemHttpResult TooLarge(UploadLimit limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The upload is too large.",
            detail: $"An import takes at most {limit.Describe()} at a time; split the files, or import them with the command line.");

    private static async Task<Results<Ok<ImportBatchView>, ProblemHttpResult>> GetAsync(HttpContext http, ImportService imports, long id, CancellationToken cancellationToken) =>
        await imports.GetAsync(http.User.OwnerId(), id, cancellationToken) is { } batch
            ? TypedResults.Ok(batch)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no import {id} of yours.");

    private static async Task<Results<Ok<TriageResponse>, ProblemHttpResult, ValidationProblem>> UndoAsync(
        HttpContext http, ImportService imports, long id, CancellationToken cancellationToken) =>
        TriageResponse.From(await imports.UndoAsync(http.User.OwnerId(), ApiActor.Of(http.User), id, cancellationToken));
}
