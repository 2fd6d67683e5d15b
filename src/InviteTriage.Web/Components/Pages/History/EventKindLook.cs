using InviteTriage.Core.History;
using MudBlazor;

namespace InviteTriage.Web.Components.Pages.History;

/// <summary>How the history draws an event kind: flags in amber, decisions in the primary colour, reversals muted.</summary>
internal sealed record EventKindLook(string Icon, Color Color)
{
    public static EventKindLook Of(FlagEventKind kind) => kind switch
    {
        FlagEventKind.FlockDetected => new(Icons.Material.Filled.Flag, Color.Warning),
        FlagEventKind.FlockGrew => new(Icons.Material.Filled.GroupAdd, Color.Warning),
        FlagEventKind.FlockMerged => new(Icons.Material.Filled.CallMerge, Color.Warning),
        FlagEventKind.FlockReopened => new(Icons.Material.Filled.Replay, Color.Warning),
        FlagEventKind.FlockWithdrawn => new(Icons.Material.Filled.GroupRemove, Color.Default),
        FlagEventKind.FlockDismissed => new(Icons.Material.Filled.Block, Color.Secondary),
        FlagEventKind.StatusChanged => new(Icons.Material.Filled.TaskAlt, Color.Primary),
        FlagEventKind.Imported => new(Icons.Material.Filled.UploadFile, Color.Info),
        FlagEventKind.SettingsChanged => new(Icons.Material.Filled.Tune, Color.Default),
        FlagEventKind.CompanySet => new(Icons.Material.Filled.Business, Color.Default),
        FlagEventKind.CompanyAliased => new(Icons.Material.Filled.MergeType, Color.Default),
        FlagEventKind.CompanyAliasRemoved => new(Icons.Material.Filled.CallSplit, Color.Default),
        FlagEventKind.Undone => new(Icons.Material.Filled.Undo, Color.Secondary),
        _ => new(Icons.Material.Filled.History, Color.Default),
    };
}
