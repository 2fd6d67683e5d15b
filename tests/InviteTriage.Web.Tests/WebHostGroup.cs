namespace InviteTriage.Web.Tests;

/// <summary>
/// Serilog's two-stage bootstrap freezes one static logger per host start; hosts that start in parallel
/// throw "The logger is already frozen". Every class that starts the app joins this collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebHostGroup
{
    public const string Name = "Web host";
}
