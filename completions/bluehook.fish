# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_bluehook_global_optspecs
    string join \n color= v/verbose config= profile= h/help V/version
end

function __fish_bluehook_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_bluehook_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_bluehook_using_subcommand
    set -l cmd (__fish_bluehook_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c bluehook -n "__fish_bluehook_needs_command" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_needs_command" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_needs_command" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_needs_command" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_needs_command" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_needs_command" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "events" -d 'List the 37 subscribable Blue events, grouped, with what each means'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "send-sample" -d 'Send a signed sample delivery (or thousands) to a URL, exactly as Blue does'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "listen" -d 'Receive deliveries locally: verify signatures, print each event, gate CI'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "replay" -d 'Re-send deliveries recorded by `listen --record`, byte for byte, to a URL'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "inspect" -d 'Browse a record file in the web inspector (and replay from it)'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "check" -d 'Test your own webhook receiver: Blue\'s deliveries, and the ones it must refuse'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "sign" -d 'Print the X-Signature (hex HMAC-SHA256) of a body'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "verify" -d 'Check a body against an X-Signature; exit 3 when it does not match'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "demo" -d 'Start a listener and send it samples, to see bluehook work without a Blue account'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "login" -d 'Save Blue API credentials in a profile, after checking them'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "logout" -d 'Remove a profile\'s saved credentials'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "config" -d 'Show the resolved configuration and where each value came from'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "list" -d 'List your Blue webhooks'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "get" -d 'Show one webhook in full'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "create" -d 'Create a webhook'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "update" -d 'Change a webhook\'s URL, name, events or projects'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "enable" -d 'Enable a webhook (Blue runs its health check first)'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "disable" -d 'Disable a webhook'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "toggle" -d 'Enable a disabled webhook, or disable an enabled one'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "delete" -d 'Delete a webhook'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "cleanup" -d 'Delete the temporary webhooks `listen --register` left on Blue (a crashed run\'s)'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "projects" -d 'List the organization\'s projects (ids, slugs and names for --project)'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "sandbox" -d 'Run an offline Blue: its GraphQL API, its state and its deliveries, on this machine'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "trigger" -d 'Make a Blue event happen by performing the real operations (sandbox or Blue)'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c bluehook -n "__fish_bluehook_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bluehook -n "__fish_bluehook_using_subcommand events" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand events" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand events" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand events" -l json -d 'Print JSON instead of a table'
complete -c bluehook -n "__fish_bluehook_using_subcommand events" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand events" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand events" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s e -l event -d 'Event to send (see `bluehook events`)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s s -l secret -d 'Signing secret (the webhook\'s secret, as Blue returned it at creation)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l webhook -d 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l data -d 'Send this file\'s bytes as the body, unchanged ("-" reads stdin)' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s H -l header -d 'Extra request header (repeatable)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l project -d 'Project to put in the sample: an id, or a slug or name looked up in Blue when credentials are configured' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l seed -d 'Fix ids and times, so the same seed gives the same body' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l timeout -d 'Give up on a delivery after this long (Blue waits 7s)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s n -l count -d 'Number of deliveries to send (load mode when above 1)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s c -l concurrency -d 'Deliveries in flight at once in load mode' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l print -d 'Print the body that was sent'
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l json -d 'Print the result as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -l unique -d 'In load mode, give every delivery fresh ids (default: the same body N times)'
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s k -l insecure -d 'Accept invalid TLS certificates (self-signed receivers)'
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand send-sample" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l host -d 'Address to bind' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s p -l port -d 'Port to bind (0 picks a free one)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l path -d 'Only accept deliveries on this path (default: any path); compared with the request\'s percent-decoded path, so it may hold any characters but `?`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s s -l secret -d 'Signing secret (the webhook\'s secret, as Blue returned it at creation)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l webhook -d 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l max-body -d 'Largest body accepted, in bytes (suffixes k, M: 64k, 1M); larger gets 413' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l expect -d 'Wait for this event (repeatable); exit 0 once every one has arrived verified' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s n -l count -d 'Stop after N verified events' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l timeout -d 'With --expect or --count: exit 4 if they are not met within this time (30s, 2m)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l record -d 'Append every accepted delivery (headers and exact body) to FILE as NDJSON' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l status -d 'Status to answer accepted deliveries with, 200-599 (try 500 to see Blue retry)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s f -l forward-to -d 'Pass each accepted delivery on to your app at URL (headers and exact body), and answer with the app\'s status (502 when it cannot be reached). Repeat with EVENTS= in front (`TODO_*=URL`, `TODO_CREATED,TAG_ADDED=URL`) to route by event: the first route that takes a delivery\'s event gets it; one no route takes is answered without forwarding' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l queue -d 'With --answer-first: the queue file (kept across runs: what a killed run left is forwarded by the next) [default: $XDG_STATE_HOME/bluehook/queue.db]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l forward-attempts -d 'With --answer-first: attempts per delivery before it is given up (it stays in the file)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l forward-timeout -d 'With --answer-first: time your app gets to answer one attempt (a paused debugger included); the wait between attempts starts at 1s and doubles up to 1m' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l read-timeout -d 'Time a client gets to send a request\'s headers, and again its body (408 after)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l filter -d 'Keep only deliveries whose JSON body matches this jq expression (as with `select`); the others are answered 200 and counted as filtered' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l junit -d 'Write a JUnit XML report to FILE when the listener stops: one test case per --expect and one for --count, met or missing with what arrived instead' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l exec -d 'Run CMD (by the shell) for each accepted delivery: the body on stdin, BLUEHOOK_EVENT, BLUEHOOK_VERIFIED and BLUEHOOK_HEADER_* in the environment; killed after 7s; a failure is answered 500 so Blue retries' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l exec-concurrency -d 'Commands run at once by --exec' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l tunnel -d 'Give the listener a public URL: bore[=HOST[:PORT]] (built in; default server bore.pub), cloudflared or ngrok (your installed program, started and stopped here)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l public-url -d 'The public URL of a tunnel you run yourself to this listener (shown in the ready line)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l probe-every -d 'With --tunnel: send a probe through the public URL this often, and reopen the tunnel when one does not come back' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l memory-budget -d 'Memory all request bodies being read may hold together; past it, 503 with Retry-After' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l max-connections -d 'Connections open at once; past it, new ones get 503 with Retry-After and are closed' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l inspect -d 'Serve the web inspector beside the receiver, on ADDR (default 127.0.0.1, a free port)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l inspect-keep -d 'Deliveries the inspector keeps (older ones leave the page)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l keep -d 'With --register: keep the webhook across runs under NAME (default `listen`): the first run creates it and saves its id and secret in the config file; later runs point it here and enable it again, so its secret never changes. Not deleted on exit: `bluehook cleanup --keep NAME` deletes it' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l env-file -d 'With --register: write BLUE_WEBHOOK_SECRET and BLUE_WEBHOOK_ID to FILE (mode 0600, replaced whole), for your app to load' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s e -l events -d 'With --register: events it subscribes to (comma-separated or repeated; default: the --expect events, else every event)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l project -d 'With --register: projects it covers, by id, slug or name (repeatable; default: all)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l compact -d 'Print one line per request, without the body'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l body -d 'Print each request\'s whole body (default: the lines that matter for the event)'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l json -d 'Print NDJSON on stdout (schema in the README)'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l answer-first -d 'With --forward-to: answer Blue as soon as the delivery is verified and on disk in the queue, then forward from the queue in arrival order, retrying until your app answers 2xx (a breakpoint in your app no longer makes Blue retry or disable the webhook)'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l exec-ack -d 'Answer as usual even when the --exec command fails or times out'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l exit-on-disconnect -d 'With --tunnel: exit 10 when the tunnel goes down instead of reopening it'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l inspect-public -d 'Allow the inspector on an address other than loopback (bodies can hold customer data)'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -l register -d 'Create a temporary webhook on Blue that delivers here (to the public URL of --tunnel or --public-url), verify with the secret Blue returns, and delete it when stopping'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand listen" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s s -l secret -d 'Signing secret (the webhook\'s secret, as Blue returned it at creation)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l webhook -d 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s e -l event -d 'Only deliveries of this event (repeatable)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l only -d 'Only these lines of the file: 3, 2-5, 7- (comma-separated or repeated)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s H -l header -d 'Extra request header (repeatable)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s c -l concurrency -d 'Deliveries in flight at once (1 keeps the file\'s order)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l timeout -d 'Give up on a delivery after this long (Blue waits 7s)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l filter -d 'Only deliveries whose JSON body matches this jq expression (as with `select`)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l strict -d 'Refuse the whole file (exit 2, nothing sent) if any line is not a record'
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -l json -d 'Print one JSON object per delivery, then a summary (NDJSON)'
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s k -l insecure -d 'Accept invalid TLS certificates (self-signed receivers)'
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand replay" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l addr -d 'Address to serve the page on (127.0.0.1:0 picks a free port)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l to -d 'Where replays go unless the page names another URL' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l filter -d 'Only deliveries whose JSON body matches this jq expression (as with `select`)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -s s -l secret -d 'Signing secret (the webhook\'s secret, as Blue returned it at creation)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l webhook -d 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l inspect-keep -d 'Deliveries the inspector keeps (older ones leave the page)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -l inspect-public -d 'Allow the inspector on an address other than loopback (bodies can hold customer data)'
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -s s -l secret -d 'Signing secret (the webhook\'s secret, as Blue returned it at creation)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l webhook -d 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -s e -l events -d 'Events every-event sends, with the creations they need (comma-separated; default: all 37)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l only -d 'Run only these cases (comma-separated)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l skip -d 'Leave these cases out (comma-separated)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -s c -l concurrency -d 'Deliveries the burst case sends at once' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l junit -d 'Write a JUnit XML report to FILE: one test case per case' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l timeout -d 'The time each delivery gets (Blue\'s is 7s; timing warns above half of it)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l max-time -d 'The time the whole run gets' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l json -d 'Print one JSON object per case and a summary (NDJSON)'
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -l strict -d 'Exit 1 on a warning too'
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -s k -l insecure -d 'Accept invalid TLS certificates (self-signed receivers)'
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand check" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -s s -l secret -d 'Signing secret (the webhook\'s secret, as Blue returned it at creation)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -l webhook -d 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -l json -d 'Print {"signature","bytes"} as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand sign" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -s s -l secret -d 'Signing secret (the webhook\'s secret, as Blue returned it at creation)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l webhook -d 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l signature -d 'The X-Signature value received (hex)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l recorded -d 'With --explain: a record file (`listen --record`) of earlier deliveries to compare with' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l json -d 'Print {"verified","reason","bytes"} as JSON (the exit code still says it)'
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -l explain -d 'When it does not match, say why: test the known causes (JSON re-serialised, newline, CRLF, BOM, header form, another saved webhook\'s secret, an earlier delivery\'s signature)'
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand verify" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -l compact -d 'Print one line per request, without the body'
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -l body -d 'Print each request\'s whole body (default: the lines that matter for the event)'
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -l json -d 'Print the listener\'s NDJSON instead'
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand demo" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -l no-verify -d 'Save without checking the credentials against Blue'
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand login" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand logout" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand logout" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand logout" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand logout" -s y -l yes -d 'Do not ask for confirmation (webhooks the profile keeps for `listen --keep` are deleted from Blue too)'
complete -c bluehook -n "__fish_bluehook_using_subcommand logout" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand logout" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand logout" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "show" -d 'Print the resolved settings (secrets redacted) and their sources'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "path" -d 'Print the path of the configuration file'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the resolved settings (secrets redacted) and their sources'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the configuration file'
complete -c bluehook -n "__fish_bluehook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l enabled -d 'Only enabled webhooks'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l disabled -d 'Only disabled webhooks'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l all -d 'Every webhook (the default)'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l json -d 'Print the webhooks as Blue returned them, as a JSON array'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -l wide -d 'Every column, nothing shortened, whatever the terminal\'s width'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand list" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -l json -d 'Print JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand get" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l url -d 'Where Blue delivers (a public http(s) URL)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l name -d 'A name to recognise the webhook by' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -s e -l events -d 'Events to subscribe to (comma-separated or repeated; "all" or none = every event)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -s p -l project -d 'Projects to cover: id, slug or exact name (repeatable; none = every project)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l save-secret -d 'Save the signing secret in the config, for `listen --webhook ID`'
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l print-secret -d 'Print only the signing secret (for scripts)'
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -l json -d 'Print the created webhook as JSON (secret included)'
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand create" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l url -d 'New URL' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l name -d 'New name' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -s e -l events -d 'Replace the event list ("all" = every event)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l add-event -d 'Add events to the current list' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l remove-event -d 'Remove events from the current list' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -s p -l project -d 'Replace the project list: ids, slugs or exact names ("all" = every project)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -l json -d 'Print the updated webhook as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand update" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -l json -d 'Print the webhook as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand enable" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -l json -d 'Print the webhook as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand disable" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -l json -d 'Print the webhook as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand toggle" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -l json -d 'Print the result as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand delete" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l keep -d 'Delete the webhook `listen --register --keep NAME` kept (default name `listen`) and forget its saved secret, instead of the temporary webhooks' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -s y -l yes -d 'Do not ask for confirmation (required without a terminal)'
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -l json -d 'Print what was deleted as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand cleanup" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l search -d 'Only projects whose name matches (Blue\'s search)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -l json -d 'Print the projects as Blue returned them, as a JSON array'
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand projects" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l host -d 'Address to listen on' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -s p -l port -d 'Port to listen on (0 picks a free one; the ready line says which)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l state -d 'Keep the state in this SQLite file (default: in memory)' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l token-id -d 'Accept only this token id (default: any token id is a user, its secret fixed when first seen)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l token-secret -d 'Accept only this token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l plan-limit -d 'Refuse createWebhook past N webhooks (PLAN_LIMIT_REACHED)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l speed -d 'Divide every delivery delay by X (first attempt 5s, backoff, 7s timeout)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l rate-limit -d 'Answer Blue\'s 429 past N requests per minute' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l api-latency -d 'Wait this long before answering each API request' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l api-error-rate -d 'Answer this fraction of API requests with a 503 (0 to 1)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l json -d 'Print the ready line and the delivery log as NDJSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l strict-urls -d 'Refuse private and loopback URLs, as Blue does'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -l coverage -d 'List the operations of Blue\'s API that the sandbox emulates, and exit'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -f -a "deliveries" -d 'Show the delivery attempts recorded in a state file (running or stopped sandbox)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -f -a "schema" -d 'Print the sandbox\'s GraphQL schema (SDL)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and not __fish_seen_subcommand_from deliveries schema help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l state -d 'The sandbox\'s state file' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l webhook -d 'Only this webhook\'s attempts' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l json -d 'Print NDJSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from schema" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from schema" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from schema" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from schema" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from schema" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "deliveries" -d 'Show the delivery attempts recorded in a state file (running or stopped sandbox)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "schema" -d 'Print the sandbox\'s GraphQL schema (SDL)'
complete -c bluehook -n "__fish_bluehook_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l project -d 'Work in this project: id, slug or name [default: the organization\'s first]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l list -d 'Work in this list (by id); without a value, show the events and their operations' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l set -d 'Override a field of what is created, e.g. --set title="Launch" or --set due=2027-01-31 (due: a day, an RFC 3339 time or +3d from now; repeatable)' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l token-id -d 'Token id' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l token-secret -d 'Token secret' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l org -d 'Organization id or slug' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l api-url -d 'GraphQL endpoint [default: https://api.blue.app/graphql]' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l api-timeout -d 'Give up on an API request after this long' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l cleanup -d 'Delete everything created afterwards, newest first (also on Ctrl-C)'
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -l json -d 'Print what was created and deleted as JSON'
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand trigger" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand completions" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand completions" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand completions" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand completions" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand completions" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand completions" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand man" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bluehook -n "__fish_bluehook_using_subcommand man" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]' -r -F
complete -c bluehook -n "__fish_bluehook_using_subcommand man" -l profile -d 'Configuration profile to use' -r
complete -c bluehook -n "__fish_bluehook_using_subcommand man" -s v -l verbose -d 'Show more detail on stderr (requests sent, with secrets redacted)'
complete -c bluehook -n "__fish_bluehook_using_subcommand man" -s h -l help -d 'Print help'
complete -c bluehook -n "__fish_bluehook_using_subcommand man" -s V -l version -d 'Print version'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "events" -d 'List the 37 subscribable Blue events, grouped, with what each means'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "send-sample" -d 'Send a signed sample delivery (or thousands) to a URL, exactly as Blue does'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "listen" -d 'Receive deliveries locally: verify signatures, print each event, gate CI'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "replay" -d 'Re-send deliveries recorded by `listen --record`, byte for byte, to a URL'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "inspect" -d 'Browse a record file in the web inspector (and replay from it)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "check" -d 'Test your own webhook receiver: Blue\'s deliveries, and the ones it must refuse'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "sign" -d 'Print the X-Signature (hex HMAC-SHA256) of a body'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "verify" -d 'Check a body against an X-Signature; exit 3 when it does not match'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "demo" -d 'Start a listener and send it samples, to see bluehook work without a Blue account'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "login" -d 'Save Blue API credentials in a profile, after checking them'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "logout" -d 'Remove a profile\'s saved credentials'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "config" -d 'Show the resolved configuration and where each value came from'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "list" -d 'List your Blue webhooks'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "get" -d 'Show one webhook in full'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "create" -d 'Create a webhook'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "update" -d 'Change a webhook\'s URL, name, events or projects'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "enable" -d 'Enable a webhook (Blue runs its health check first)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "disable" -d 'Disable a webhook'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "toggle" -d 'Enable a disabled webhook, or disable an enabled one'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "delete" -d 'Delete a webhook'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "cleanup" -d 'Delete the temporary webhooks `listen --register` left on Blue (a crashed run\'s)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "projects" -d 'List the organization\'s projects (ids, slugs and names for --project)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "sandbox" -d 'Run an offline Blue: its GraphQL API, its state and its deliveries, on this machine'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "trigger" -d 'Make a Blue event happen by performing the real operations (sandbox or Blue)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and not __fish_seen_subcommand_from events send-sample listen replay inspect check sign verify demo login logout config list get create update enable disable toggle delete cleanup projects sandbox trigger completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the resolved settings (secrets redacted) and their sources'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the configuration file'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "deliveries" -d 'Show the delivery attempts recorded in a state file (running or stopped sandbox)'
complete -c bluehook -n "__fish_bluehook_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "schema" -d 'Print the sandbox\'s GraphQL schema (SDL)'
