namespace InviteTriage.Corpus;

/// <summary>Damage done to a well-formed zip's headers after it is written.</summary>
internal enum ZipPatch
{
    /// <summary>Bit 0 of the general-purpose flags: the entry claims to be encrypted.</summary>
    EncryptedFlag,

    /// <summary>A compression method no reader knows (99 is AES, which needs a password anyway).</summary>
    UnknownMethod,

    /// <summary>A CRC-32 that does not match the data.</summary>
    WrongCrc,
}
