using System.CommandLine;
using InviteTriage.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary><c>users add --email E --password P [--admin]</c></summary>
internal static class UsersCommand
{
    public static Command Create(CliHost host)
    {
        var email = new Option<string>("--email") { Description = "The new member's e-mail address, which is also their sign-in name.", Required = true };
        var password = new Option<string>("--password") { Description = "At least 10 characters.", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Make the member an admin. The first member always is." };

        var add = new Command("add", "Add a member to this instance.") { email, password, admin };
        add.SetAction((parsed, cancellationToken) => host.RunAsync(async (services, ct) =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var result = await accounts.CreateUserAsync(parsed.GetValue(email)!, parsed.GetValue(password)!, parsed.GetValue(admin), ct);
            if (!result.Success)
            {
                foreach (var error in result.Errors)
                {
                    await host.Console.Error.WriteLineAsync(error);
                }

                return ExitCodes.Failed;
            }

            await host.Console.Out.WriteLineAsync($"Added {result.User!.Email}{(result.IsAdmin ? " (admin)" : "")}.");
            return ExitCodes.Success;
        }, cancellationToken));

        return new Command("users", "Manage the members of this instance.") { add };
    }
}
