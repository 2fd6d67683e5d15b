using System.Security.Cryptography;

namespace InviteTriage.Web;

/// <summary>
/// Headers that cost nothing and close whole classes of attack: script injection (CSP), sniffing, framing and referrer
/// leaks. They go on every response, API included.
/// </summary>
internal static class SecurityHeaders
{
    private static readonly object NonceKey = new();

    public static void UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Hex rather than base64: no "+" or "/" for the HTML encoder to turn into entities in the attribute.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;

            // Set as the response starts: the exception handler clears the headers before it renders the error page.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>The nonce of this response's policy, for the one inline script the app has: Blazor's import map.</summary>
    public static string CspNonce(this HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("The security headers middleware has not run.");

    /// <summary>
    /// Scripts only from the app itself, plus the import map by its per-response nonce: no inline script, no eval, so an
    /// injected &lt;script&gt; or onerror= does not run even if it ever got past Blazor's encoding. Styles allow inline
    /// ones because MudBlazor needs them: its theme provider writes a &lt;style&gt; element with the theme's CSS variables,
    /// and its components set style="" attributes for sizes and colours, in the prerendered HTML and from the circuit
    /// alike. A nonce cannot cover attributes, and inline CSS cannot run script in today's browsers. The circuit's
    /// WebSocket is 'self'.
    /// </summary>
    private static string ContentSecurityPolicy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");
}
