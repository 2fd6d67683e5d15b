using InviteTriage.Data.Database;

namespace InviteTriage.Data.Tests.Database;

/// <summary>The queue of writers on its own: its order, its limit and its hand-overs, without a store.</summary>
public sealed class WriterQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Writers_GetTheirTurns_InTheOrderTheyArrived_WhileMoreKeepArriving()
    {
        var queue = new WriterQueue(Long);
        var first = new object();
        await queue.EnterAsync(first, CancellationToken.None);
        var served = new List<int>();
        var writers = new List<Task>();

        // Each writer writes down its number when its turn comes, then hands the queue on. Half arrive before the
        // first writer is done, half while the others are being served.
        for (var n = 0; n < 20; n++)
        {
            if (n == 10)
            {
                queue.Leave(first);
            }

            writers.Add(TakeTurnAsync(queue, n, served));
            if (n < 10)
            {
                queue.Waiting.Should().Be(n + 1, "each writer waits behind the ones before it");
            }
        }

        await Task.WhenAll(writers);

        served.Should().Equal(Enumerable.Range(0, 20));
        queue.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task AWaitingWriter_TimesOutWithAClearError_AndLeavesTheLine()
    {
        var queue = new WriterQueue(TimeSpan.FromMilliseconds(200));
        var holder = new object();
        await queue.EnterAsync(holder, CancellationToken.None);

        var waiting = () => queue.EnterAsync(new object(), CancellationToken.None);
        var blocking = () => queue.Enter(new object());

        (await waiting.Should().ThrowAsync<StoreBusyException>()).Which.Message.Should().Contain("busy").And.Contain("Nothing was changed");
        blocking.Should().Throw<StoreBusyException>();
        queue.Waiting.Should().Be(0, "a writer that gave up is no longer in the line");
        queue.Leave(holder).Should().BeTrue();
        var next = new object();
        await queue.EnterAsync(next, CancellationToken.None);
        queue.Leave(next).Should().BeTrue("the queue went to the next writer, not to one that gave up");
    }

    [Fact]
    public async Task AWaitingWriter_WhoseRequestIsCancelled_LeavesTheLine_AndTheNextOneIsServed()
    {
        var queue = new WriterQueue(Long);
        var holder = new object();
        await queue.EnterAsync(holder, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.EnterAsync(new object(), cancel.Token);
        var next = new object();
        var served = queue.EnterAsync(next, CancellationToken.None);

        await cancel.CancelAsync();
        queue.Leave(holder);

        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        await served;
        queue.Leave(next).Should().BeTrue();
    }

    [Fact]
    public async Task TheHolder_PassesThroughAgain_AndOneLeaveEndsItsTurn()
    {
        var queue = new WriterQueue(TimeSpan.FromMilliseconds(200));
        var holder = new object();
        await queue.EnterAsync(holder, CancellationToken.None);

        await queue.EnterAsync(holder, CancellationToken.None);
        queue.Enter(holder);

        queue.Waiting.Should().Be(0);
        queue.Leave(holder).Should().BeTrue();
        queue.Leave(holder).Should().BeFalse("it no longer holds the queue");
        var other = new object();
        await queue.EnterAsync(other, CancellationToken.None);
        queue.Leave(other).Should().BeTrue();
    }

    [Fact]
    public async Task Leave_ByAWriterThatDoesNotHoldTheQueue_ChangesNothing()
    {
        var queue = new WriterQueue(TimeSpan.FromMilliseconds(200));
        var holder = new object();
        await queue.EnterAsync(holder, CancellationToken.None);

        queue.Leave(new object()).Should().BeFalse();

        await queue.Invoking(q => q.EnterAsync(new object(), CancellationToken.None)).Should().ThrowAsync<StoreBusyException>("the holder still holds it");
    }

    private static async Task TakeTurnAsync(WriterQueue queue, int n, List<int> served)
    {
        var writer = new object();
        await queue.EnterAsync(writer, CancellationToken.None);
        lock (served)
        {
            served.Add(n);
        }

        await Task.Yield();
        queue.Leave(writer);
    }
}
