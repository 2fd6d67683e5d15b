namespace InviteTriage.Corpus;

/// <summary>What a hostile file must come to, whichever way it is imported (CLI, API or the import service).</summary>
public enum CorpusOutcome
{
    /// <summary>The file is refused whole with a message that names it, and the store is left exactly as it was.</summary>
    Refused,

    /// <summary>The bad rows are rejected, each reported as <c>file:line: reason</c>, and the rest imports.</summary>
    Partial,

    /// <summary>However hostile it looks, the content is data: it imports, and is kept as inert text.</summary>
    Imported,
}
