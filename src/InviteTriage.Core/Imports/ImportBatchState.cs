namespace InviteTriage.Core.Imports;

public enum ImportBatchState
{
    Running = 0,
    Completed = 1,
    Undone = 2,
}
