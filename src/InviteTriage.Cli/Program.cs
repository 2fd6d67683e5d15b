using InviteTriage.Cli;

return await TriageCli.RunAsync(args, new CliConsole(Console.Out, Console.Error), configuration: null, CancellationToken.None);
