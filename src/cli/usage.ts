/** The CLI's usage text, printed with --help and after every usage error. */
export const USAGE = `Usage: quota-bot <command> [options]

Commands:
  serve                                   run the bot (what npm start runs)
  migrate                                 apply database migrations (serve does this at start)
  provider add --team T --name NAME --token TOKEN [--expires-at ISO]
                                          store a provider with a static authorizer access token
  provider add --team T --name NAME --token-url URL [--token-url-header 'Name: value']
                                          a provider whose token comes from its central token server
  provider add --team T --name NAME --component-appid A --component-secret S --authorizer-appid B
               --refresh-token R --callback-token CT --encoding-aes-key K
                                          a provider whose tokens the bot refreshes from component credentials
  provider list --team T [--json]         list a workspace's providers (never their secrets)
  provider remove --team T --name NAME    delete a provider and its history
  check --team T [--name NAME] [--json]   query WeChat now for stored providers
  check --token TOKEN [--json]            query WeChat with a token given on the spot, storing nothing
  subscription add --team T --channel C [--weekday mon --time 09:00 --tz Asia/Shanghai]
                                          subscribe a channel (id C…) to the weekly digest
  subscription list --team T [--json]     list a workspace's digest subscriptions
  subscription remove --team T --channel C
                                          stop a channel's weekly digest
  digest run [--at ISO] [--dry-run]       deliver every digest and alert due (at --at) and not yet delivered;
                                          --dry-run sends, claims and records nothing

Secret flags (--token, --token-url-header, --component-secret, --refresh-token, --callback-token,
--encoding-aes-key) accept "-" to read the value from standard input; several "-" read one line each, in that order.
Configuration comes from the environment (see README.md); a .env file in the working directory is loaded.
Exit status: 0 success, 1 runtime failure, 2 usage error.
`;
