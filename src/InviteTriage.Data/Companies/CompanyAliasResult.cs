using InviteTriage.Data.Triage;

namespace InviteTriage.Data.Companies;

/// <summary>What adding an alias did, and the alias it made, so that the caller can offer to undo it.</summary>
public sealed record CompanyAliasResult(TriageResult Result, long? AliasId = null);
