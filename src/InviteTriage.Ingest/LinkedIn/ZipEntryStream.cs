namespace InviteTriage.Ingest.LinkedIn;

/// <summary>
/// A read-only view of a zip entry that stops zip bombs and notices damage. The sizes in the archive's directory can lie,
/// so the bytes actually inflated are counted; and the reader of the archive checks neither the CRC-32 nor whether the
/// data ends where the directory says, so both are checked here when the entry has been read to its end.
/// </summary>
internal sealed class ZipEntryStream(Stream inner, long cap, long declaredLength, uint declaredCrc, string file) : Stream
{
    private long _read;
    private uint _crc = ZipCrc32.Start;
    private bool _checked;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw Damaged(ex);
        }

        return Count(buffer[..read], buffer.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw Damaged(ex);
        }

        return Count(buffer.Span[..read], buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Whoever reads this stream (the CSV readers) sees the damage as the file's problem, whatever step it is in.
    private IngestFormatException Damaged(Exception ex) => new(file, $"the zip entry cannot be read ({ex.Message})", ex);

    private int Count(ReadOnlySpan<byte> data, int asked)
    {
        _read += data.Length;
        if (_read > cap)
        {
            throw new IngestFormatException(file, $"the entry expands beyond {cap} bytes (zip bomb?)");
        }

        _crc = ZipCrc32.Append(_crc, data);
        if (data.Length == 0 && asked > 0 && !_checked)
        {
            _checked = true;
            if (_read != declaredLength || ZipCrc32.Finish(_crc) != declaredCrc)
            {
                throw new IngestFormatException(file, "the zip entry is damaged: its data does not match the size and checksum the archive records");
            }
        }

        return data.Length;
    }
}
