using InviteTriage.Cli;

var console = new CliConsole(Console.Out, Console.Error, ErrorIsTerminal: !Console.IsErrorRedirected);
return await TriageCli.RunAsync(args, console, configuration: null, CancellationToken.None);
