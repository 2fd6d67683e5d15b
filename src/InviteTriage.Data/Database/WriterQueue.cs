namespace InviteTriage.Data.Database;

/// <summary>
/// One writer at a time, served in the order they arrived. SQLite lets one connection write, and makes the others
/// retry in its busy handler, whose sleeps grow with each try: under contention a newcomer often wins over one that
/// has waited longest, and 50 busy clients starved some decisions past 30 s (docs/performance.md, "Load"). Waiting
/// here instead is first come, first served, and holds no thread. A writer is whatever object stands for it (its
/// connection); the one that holds the queue passes through again, so a second transaction on the same connection
/// never waits for itself.
/// </summary>
internal sealed class WriterQueue(TimeSpan timeout)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private object? _holder;

    /// <summary>How long a writer waits for its turn before <see cref="StoreBusyException"/>.</summary>
    public TimeSpan Timeout => timeout;

    /// <summary>How many writers wait behind the one that writes.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    public async Task EnterAsync(object writer, CancellationToken cancellationToken)
    {
        if (TryEnterOrQueue(writer) is not { } waiter)
        {
            return;
        }

        try
        {
            await waiter.Turn.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Withdraw(waiter);
            if (ex is TimeoutException)
            {
                throw Busy(ex);
            }

            throw;
        }
    }

    public void Enter(object writer)
    {
        if (TryEnterOrQueue(writer) is not { } waiter)
        {
            return;
        }

        if (!waiter.Turn.Task.Wait(timeout))
        {
            Withdraw(waiter);
            throw Busy(null);
        }
    }

    /// <summary>Gives the queue to the next writer, if <paramref name="writer"/> holds it; otherwise does nothing.</summary>
    public bool Leave(object writer)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_holder, writer))
            {
                return false;
            }

            PassOn();
            return true;
        }
    }

    private Waiter? TryEnterOrQueue(object writer)
    {
        lock (_lock)
        {
            if (_holder is null)
            {
                _holder = writer;
                return null;
            }

            if (ReferenceEquals(_holder, writer))
            {
                return null;
            }

            var waiter = new Waiter(writer);
            waiter.Node = _waiting.AddLast(waiter);
            return waiter;
        }
    }

    // A writer that gave up leaves the line; if its turn came in the same moment, it passes the turn on.
    private void Withdraw(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Turn.TrySetCanceled())
            {
                _waiting.Remove(waiter.Node!);
            }
            else if (ReferenceEquals(_holder, waiter.Writer))
            {
                PassOn();
            }
        }
    }

    private void PassOn()
    {
        _holder = null;
        if (_waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            _holder = next.Value.Writer;
            next.Value.Turn.SetResult();
        }
    }

    private StoreBusyException Busy(Exception? inner) => new(
        $"The store is busy: this change waited {timeout.TotalSeconds:0.#} s for the changes before it to finish (a large import holds the store until it commits). Nothing was changed; try again.",
        inner);

    private sealed class Waiter(object writer)
    {
        public object Writer => writer;

        // Completed under the queue's lock, so continuations run elsewhere, never inside it.
        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
