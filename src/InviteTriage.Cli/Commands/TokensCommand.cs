using System.CommandLine;
using InviteTriage.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary><c>tokens create --user E [--name N]</c>: prints the new token alone on stdout, for scripts.</summary>
internal static class TokensCommand
{
    public static Command Create(CliHost host)
    {
        var user = CliOptions.User("The e-mail of the member the token acts as.");
        var name = new Option<string?>("--name") { Description = "A name to tell the token apart in Settings." };

        var create = new Command("create", "Create a personal access token for the JSON API.") { user, name };
        create.SetAction((parsed, cancellationToken) => host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
        {
            var created = await services.GetRequiredService<ApiTokenService>().CreateAsync(member.Id, parsed.GetValue(name), ct);
            await host.Console.Out.WriteLineAsync(created.PlainText);
            return ExitCodes.Success;
        }, cancellationToken));

        return new Command("tokens", "Manage personal access tokens for the JSON API.") { create };
    }
}
