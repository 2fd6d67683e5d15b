namespace InviteTriage.Data.Imports;

/// <summary>
/// The minute dedupe keys (network, sender key, minute) of the owner's invitations that have an external id. The
/// store's unique index on minute keys covers only invitations without one (README, "Dedupe keys in the schema"),
/// but a draft without an external id is still a duplicate of such an invitation. Kept as 128-bit hashes, so that a
/// million of them fit in a few tens of megabytes.
/// </summary>
internal sealed class MinuteKeys
{
    private static readonly UInt128 Offset = new(0x6c62272e07bb0142, 0x62b821756295c58d);
    private static readonly UInt128 Prime = new(0x0000000001000000, 0x000000000000013B);

    // In shards by the hash's low bits: a set of a million grows by doubling, and for a moment holds its old and its new
    // arrays, tens of megabytes; sixteen smaller sets each grow by a sixteenth of that, which keeps a bulk import's peak
    // memory down.
    private const int Shards = 16;

    private readonly HashSet<UInt128>[] _keys = [.. Enumerable.Range(0, Shards).Select(_ => new HashSet<UInt128>())];

    public void Add(string network, string senderKey, long minute) => Add(Hash(network, senderKey, minute));

    public void Clear()
    {
        foreach (var shard in _keys)
        {
            shard.Clear();
        }
    }

    public bool Contains(string network, string senderKey, long minute) => Contains(Hash(network, senderKey, minute));

    private void Add(UInt128 hash) => _keys[(int)(ulong)(hash % Shards)].Add(hash);

    private bool Contains(UInt128 hash) => _keys[(int)(ulong)(hash % Shards)].Contains(hash);

    // FNV-1a with 128 bits: accidental collisions among millions of keys are out of reach. The network's length goes
    // first, not a separator: the network is the user's own text, and "x|y" + "1" must not read as "x" + "y|1". The
    // sender key is then the rest, before the minute's fixed eight bytes, so two different keys never hash one input.
    private static UInt128 Hash(string network, string senderKey, long minute)
    {
        var hash = (Offset ^ (uint)network.Length) * Prime;
        foreach (var c in network)
        {
            hash = (hash ^ c) * Prime;
        }

        foreach (var c in senderKey)
        {
            hash = (hash ^ c) * Prime;
        }

        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(minute >> (8 * i))) * Prime;
        }

        return hash;
    }
}
