using Bunit;
using MudBlazor.Services;

namespace InviteTriage.Web.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services, for rendering the app's components on their own.</summary>
public abstract class MudContext : BunitContext, IAsyncLifetime
{
    protected MudContext()
    {
        Services.AddMudServices();
        // MudBlazor measures and focuses elements through JS, which does not matter to what these tests check.
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover service can only be disposed asynchronously; xunit calls this before Dispose.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
