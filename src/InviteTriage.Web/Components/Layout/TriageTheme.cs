using MudBlazor;

namespace InviteTriage.Web.Components.Layout;

internal static class TriageTheme
{
    // System fonts only: the app must work offline, so no web-font download.
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f5d8a",
            Secondary = "#7a4fa3",
            AppbarBackground = "#1f3f5e",
            Background = "#f6f7f9",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
    };
}
