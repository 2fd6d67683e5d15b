namespace InviteTriage.Cli;

/// <summary>The member a verb's <c>--user</c> names: their id owns the data, their e-mail is the actor in history.</summary>
internal sealed record CliMember(string Id, string Email);
