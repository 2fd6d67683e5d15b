using InviteTriage.Core.History;

namespace InviteTriage.Data.Triage;

/// <summary>Which history events can be undone, and why the others cannot; the UI shows the reason on a disabled button.</summary>
public static class UndoRules
{
    public static bool CanUndo(FlagEventKind kind) => kind is FlagEventKind.StatusChanged or FlagEventKind.FlockDismissed or FlagEventKind.Imported;

    public static string WhyNot(FlagEventKind kind) => kind switch
    {
        FlagEventKind.Undone => "An undo cannot itself be undone; make the decision again instead.",
        FlagEventKind.SettingsChanged => "Change the settings back instead.",
        FlagEventKind.CompanySet => "Set the company again in the inbox instead.",
        FlagEventKind.CompanyAliased => "Remove the alias in Settings → Companies instead.",
        FlagEventKind.CompanyAliasRemoved => "Add the alias again in Settings → Companies instead.",
        _ => "Detection events record what the detector found; dismiss the flock if it is not one.",
    };
}
