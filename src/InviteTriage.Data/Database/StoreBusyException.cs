namespace InviteTriage.Data.Database;

/// <summary>
/// A change waited longer than its limit for the changes before it (<see cref="WriterQueue"/>), and was not made. The
/// message is meant for the user, as is; trying again later is the remedy.
/// </summary>
public sealed class StoreBusyException : Exception
{
    public StoreBusyException(string message)
        : base(message)
    {
    }

    public StoreBusyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public StoreBusyException()
    {
    }
}
