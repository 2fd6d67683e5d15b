using InviteTriage.Core.Text;

namespace InviteTriage.Cli;

/// <summary>
/// A <c>--status</c> value: one status, or <see cref="Status"/> null for "all". A record rather than a bare nullable
/// because System.CommandLine cannot bind a parsed null, and so that help shows the default as the user types it.
/// </summary>
internal sealed record StatusFilter<TStatus>(TStatus? Status)
    where TStatus : struct, Enum
{
    public override string ToString() => Status is { } status ? KebabName.Of(status) : "all";
}
