using RecoStreams.QueryApi.Cli;

return await RecoStreamsCli.Create().Parse(args).InvokeAsync();
