using InviteTriage.Core.History;

namespace InviteTriage.Data.Triage;

/// <summary>Which history events can be undone, and why the others cannot; the UI shows the reason on a disabled button.</summary>
public static class UndoRules
{
    public static bool CanUndo(FlagEventKind kind) => kind is FlagEventKind.StatusChanged or FlagEventKind.FlockDismissed;

    public static string WhyNot(FlagEventKind kind) => kind switch
    {
        FlagEventKind.Undone => "An undo cannot itself be undone; make the decision again instead.",
        FlagEventKind.Imported => "Undo an import from its batch (Import page, or DELETE /api/imports/{id}).",
        FlagEventKind.SettingsChanged => "Change the settings back instead.",
        _ => "Detection events record what the detector found; dismiss the flock if it is not one.",
    };
}
