namespace InviteTriage.Web;

internal static class SecurityHeaders
{
    /// <summary>Headers that cost nothing and close whole classes of attack (sniffing, framing, referrer leaks).</summary>
    public static void UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            await next(context);
        });
}
