// The host's entry point; the CLI verbs and the web host are wired in as their issues land.
return 0;
