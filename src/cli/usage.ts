/** The CLI's usage text, printed with --help and after every usage error. */
export const USAGE = `Usage: quota-bot <command> [options]

Commands:
  serve                                   run the bot (what npm start runs)
  migrate                                 apply database migrations (serve does this at start)
  provider add --team T --name NAME --token TOKEN [--expires-at ISO]
                                          store a provider with a static authorizer access token
  provider list --team T [--json]         list a workspace's providers (never their secrets)
  provider remove --team T --name NAME    delete a provider and its history
  check --team T [--name NAME] [--json]   query WeChat now for stored providers
  check --token TOKEN [--json]            query WeChat with a token given on the spot, storing nothing

Secret flags (--token) accept "-" to read the value from standard input.
Configuration comes from the environment (see README.md); a .env file in the working directory is loaded.
Exit status: 0 success, 1 runtime failure, 2 usage error.
`;
