
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'bluehook' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'bluehook'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'bluehook' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List the 37 subscribable Blue events, grouped, with what each means')
            [CompletionResult]::new('send-sample', 'send-sample', [CompletionResultType]::ParameterValue, 'Send a signed sample delivery (or thousands) to a URL, exactly as Blue does')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries locally: verify signatures, print each event, gate CI')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-send deliveries recorded by `listen --record`, byte for byte, to a URL')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Browse a record file in the web inspector (and replay from it)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Test your own webhook receiver: Blue''s deliveries, and the ones it must refuse')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the X-Signature (hex HMAC-SHA256) of a body')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a body against an X-Signature; exit 3 when it does not match')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start a listener and send it samples, to see bluehook work without a Blue account')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save Blue API credentials in a profile, after checking them')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile''s saved credentials')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved configuration and where each value came from')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your Blue webhooks')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook in full')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook''s URL, name, events or projects')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a webhook (Blue runs its health check first)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a webhook')
            [CompletionResult]::new('toggle', 'toggle', [CompletionResultType]::ParameterValue, 'Enable a disabled webhook, or disable an enabled one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a webhook')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Delete the temporary webhooks `listen --register` left on Blue (a crashed run''s)')
            [CompletionResult]::new('projects', 'projects', [CompletionResultType]::ParameterValue, 'List the organization''s projects (ids, slugs and names for --project)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run an offline Blue: its GraphQL API, its state and its deliveries, on this machine')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Make a Blue event happen by performing the real operations (sandbox or Blue)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bluehook;events' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;send-sample' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Event to send (see `bluehook events`)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Event to send (see `bluehook events`)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Send this file''s bytes as the body, unchanged ("-" reads stdin)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project to put in the sample: an id, or a slug or name looked up in Blue when credentials are configured')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Fix ids and times, so the same seed gives the same body')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a delivery after this long (Blue waits 7s)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of deliveries to send (load mode when above 1)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of deliveries to send (load mode when above 1)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Deliveries in flight at once in load mode')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Deliveries in flight at once in load mode')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the body that was sent')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as JSON')
            [CompletionResult]::new('--unique', '--unique', [CompletionResultType]::ParameterName, 'In load mode, give every delivery fresh ids (default: the same body N times)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed receivers)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed receivers)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;listen' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Address to bind')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port to bind (0 picks a free one)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to bind (0 picks a free one)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Only accept deliveries on this path (default: any path); compared with the request''s percent-decoded path, so it may hold any characters but `?`')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest body accepted, in bytes (suffixes k, M: 64k, 1M); larger gets 413')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'Wait for this event (repeatable); exit 0 once every one has arrived verified')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after N verified events')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N verified events')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --expect or --count: exit 4 if they are not met within this time (30s, 2m)')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Append every accepted delivery (headers and exact body) to FILE as NDJSON')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Status to answer accepted deliveries with, 200-599 (try 500 to see Blue retry)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Pass each accepted delivery on to your app at URL (headers and exact body), and answer with the app''s status (502 when it cannot be reached). Repeat with EVENTS= in front (`TODO_*=URL`, `TODO_CREATED,TAG_ADDED=URL`) to route by event: the first route that takes a delivery''s event gets it; one no route takes is answered without forwarding')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Pass each accepted delivery on to your app at URL (headers and exact body), and answer with the app''s status (502 when it cannot be reached). Repeat with EVENTS= in front (`TODO_*=URL`, `TODO_CREATED,TAG_ADDED=URL`) to route by event: the first route that takes a delivery''s event gets it; one no route takes is answered without forwarding')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'With --answer-first: the queue file (kept across runs: what a killed run left is forwarded by the next) [default: $XDG_STATE_HOME/bluehook/queue.db]')
            [CompletionResult]::new('--forward-attempts', '--forward-attempts', [CompletionResultType]::ParameterName, 'With --answer-first: attempts per delivery before it is given up (it stays in the file)')
            [CompletionResult]::new('--forward-timeout', '--forward-timeout', [CompletionResultType]::ParameterName, 'With --answer-first: time your app gets to answer one attempt (a paused debugger included); the wait between attempts starts at 1s and doubles up to 1m')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Time a client gets to send a request''s headers, and again its body (408 after)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Keep only deliveries whose JSON body matches this jq expression (as with `select`); the others are answered 200 and counted as filtered')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Write a JUnit XML report to FILE when the listener stops: one test case per --expect and one for --count, met or missing with what arrived instead')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run CMD (by the shell) for each accepted delivery: the body on stdin, BLUEHOOK_EVENT, BLUEHOOK_VERIFIED and BLUEHOOK_HEADER_* in the environment; killed after 7s; a failure is answered 500 so Blue retries')
            [CompletionResult]::new('--exec-concurrency', '--exec-concurrency', [CompletionResultType]::ParameterName, 'Commands run at once by --exec')
            [CompletionResult]::new('--tunnel', '--tunnel', [CompletionResultType]::ParameterName, 'Give the listener a public URL: bore[=HOST[:PORT]] (built in; default server bore.pub), cloudflared or ngrok (your installed program, started and stopped here)')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The public URL of a tunnel you run yourself to this listener (shown in the ready line)')
            [CompletionResult]::new('--probe-every', '--probe-every', [CompletionResultType]::ParameterName, 'With --tunnel: send a probe through the public URL this often, and reopen the tunnel when one does not come back')
            [CompletionResult]::new('--memory-budget', '--memory-budget', [CompletionResultType]::ParameterName, 'Memory all request bodies being read may hold together; past it, 503 with Retry-After')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; past it, new ones get 503 with Retry-After and are closed')
            [CompletionResult]::new('--inspect', '--inspect', [CompletionResultType]::ParameterName, 'Serve the web inspector beside the receiver, on ADDR (default 127.0.0.1, a free port)')
            [CompletionResult]::new('--inspect-keep', '--inspect-keep', [CompletionResultType]::ParameterName, 'Deliveries the inspector keeps (older ones leave the page)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'With --register: keep the webhook across runs under NAME (default `listen`): the first run creates it and saves its id and secret in the config file; later runs point it here and enable it again, so its secret never changes. Not deleted on exit: `bluehook cleanup --keep NAME` deletes it')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'With --register: write BLUE_WEBHOOK_SECRET and BLUE_WEBHOOK_ID to FILE (mode 0600, replaced whole), for your app to load')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'With --register: events it subscribes to (comma-separated or repeated; default: the --expect events, else every event)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'With --register: events it subscribes to (comma-separated or repeated; default: the --expect events, else every event)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'With --register: projects it covers, by id, slug or name (repeatable; default: all)')
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'Print one line per request, without the body')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Print each request''s whole body (default: the lines that matter for the event)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print NDJSON on stdout (schema in the README)')
            [CompletionResult]::new('--answer-first', '--answer-first', [CompletionResultType]::ParameterName, 'With --forward-to: answer Blue as soon as the delivery is verified and on disk in the queue, then forward from the queue in arrival order, retrying until your app answers 2xx (a breakpoint in your app no longer makes Blue retry or disable the webhook)')
            [CompletionResult]::new('--exec-ack', '--exec-ack', [CompletionResultType]::ParameterName, 'Answer as usual even when the --exec command fails or times out')
            [CompletionResult]::new('--exit-on-disconnect', '--exit-on-disconnect', [CompletionResultType]::ParameterName, 'With --tunnel: exit 10 when the tunnel goes down instead of reopening it')
            [CompletionResult]::new('--inspect-public', '--inspect-public', [CompletionResultType]::ParameterName, 'Allow the inspector on an address other than loopback (bodies can hold customer data)')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, 'Create a temporary webhook on Blue that delivers here (to the public URL of --tunnel or --public-url), verify with the secret Blue returns, and delete it when stopping')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;replay' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only deliveries of this event (repeatable)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only deliveries of this event (repeatable)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these lines of the file: 3, 2-5, 7- (comma-separated or repeated)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Deliveries in flight at once (1 keeps the file''s order)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Deliveries in flight at once (1 keeps the file''s order)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a delivery after this long (Blue waits 7s)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only deliveries whose JSON body matches this jq expression (as with `select`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse the whole file (exit 2, nothing sent) if any line is not a record')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per delivery, then a summary (NDJSON)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed receivers)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed receivers)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;inspect' {
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to serve the page on (127.0.0.1:0 picks a free port)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where replays go unless the page names another URL')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only deliveries whose JSON body matches this jq expression (as with `select`)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`')
            [CompletionResult]::new('--inspect-keep', '--inspect-keep', [CompletionResultType]::ParameterName, 'Deliveries the inspector keeps (older ones leave the page)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--inspect-public', '--inspect-public', [CompletionResultType]::ParameterName, 'Allow the inspector on an address other than loopback (bodies can hold customer data)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;check' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Events every-event sends, with the creations they need (comma-separated; default: all 37)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events every-event sends, with the creations they need (comma-separated; default: all 37)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these cases (comma-separated)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave these cases out (comma-separated)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Deliveries the burst case sends at once')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Deliveries the burst case sends at once')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Write a JUnit XML report to FILE: one test case per case')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The time each delivery gets (Blue''s is 7s; timing warns above half of it)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The time the whole run gets')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per case and a summary (NDJSON)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 on a warning too')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed receivers)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed receivers)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;sign' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"signature","bytes"} as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;verify' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret (the webhook''s secret, as Blue returned it at creation)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The X-Signature value received (hex)')
            [CompletionResult]::new('--recorded', '--recorded', [CompletionResultType]::ParameterName, 'With --explain: a record file (`listen --record`) of earlier deliveries to compare with')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"verified","reason","bytes"} as JSON (the exit code still says it)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'When it does not match, say why: test the known causes (JSON re-serialised, newline, CRLF, BOM, header form, another saved webhook''s secret, an earlier delivery''s signature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;demo' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'Print one line per request, without the body')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Print each request''s whole body (default: the lines that matter for the event)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the listener''s NDJSON instead')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;login' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Save without checking the credentials against Blue')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;logout' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (webhooks the profile keeps for `listen --keep` are deleted from Blue too)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (webhooks the profile keeps for `listen --keep` are deleted from Blue too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the resolved settings (secrets redacted) and their sources')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bluehook;config;show' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;config;path' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the resolved settings (secrets redacted) and their sources')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bluehook;config;help;show' {
            break
        }
        'bluehook;config;help;path' {
            break
        }
        'bluehook;config;help;help' {
            break
        }
        'bluehook;list' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--enabled', '--enabled', [CompletionResultType]::ParameterName, 'Only enabled webhooks')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Only disabled webhooks')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every webhook (the default)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the webhooks as Blue returned them, as a JSON array')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, nothing shortened, whatever the terminal''s width')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;get' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;create' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where Blue delivers (a public http(s) URL)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name to recognise the webhook by')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Events to subscribe to (comma-separated or repeated; "all" or none = every event)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events to subscribe to (comma-separated or repeated; "all" or none = every event)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Projects to cover: id, slug or exact name (repeatable; none = every project)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Projects to cover: id, slug or exact name (repeatable; none = every project)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--save-secret', '--save-secret', [CompletionResultType]::ParameterName, 'Save the signing secret in the config, for `listen --webhook ID`')
            [CompletionResult]::new('--print-secret', '--print-secret', [CompletionResultType]::ParameterName, 'Print only the signing secret (for scripts)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the created webhook as JSON (secret included)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;update' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New URL')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New name')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Replace the event list ("all" = every event)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Replace the event list ("all" = every event)')
            [CompletionResult]::new('--add-event', '--add-event', [CompletionResultType]::ParameterName, 'Add events to the current list')
            [CompletionResult]::new('--remove-event', '--remove-event', [CompletionResultType]::ParameterName, 'Remove events from the current list')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Replace the project list: ids, slugs or exact names ("all" = every project)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Replace the project list: ids, slugs or exact names ("all" = every project)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the updated webhook as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;enable' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the webhook as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;disable' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the webhook as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;toggle' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the webhook as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;delete' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;cleanup' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Delete the webhook `listen --register --keep NAME` kept (default name `listen`) and forget its saved secret, instead of the temporary webhooks')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print what was deleted as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;projects' {
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only projects whose name matches (Blue''s search)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the projects as Blue returned them, as a JSON array')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;sandbox' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one; the ready line says which)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one; the ready line says which)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Keep the state in this SQLite file (default: in memory)')
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Accept only this token id (default: any token id is a user, its secret fixed when first seen)')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Accept only this token secret')
            [CompletionResult]::new('--plan-limit', '--plan-limit', [CompletionResultType]::ParameterName, 'Refuse createWebhook past N webhooks (PLAN_LIMIT_REACHED)')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Divide every delivery delay by X (first attempt 5s, backoff, 7s timeout)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Answer Blue''s 429 past N requests per minute')
            [CompletionResult]::new('--api-latency', '--api-latency', [CompletionResultType]::ParameterName, 'Wait this long before answering each API request')
            [CompletionResult]::new('--api-error-rate', '--api-error-rate', [CompletionResultType]::ParameterName, 'Answer this fraction of API requests with a 503 (0 to 1)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the ready line and the delivery log as NDJSON')
            [CompletionResult]::new('--strict-urls', '--strict-urls', [CompletionResultType]::ParameterName, 'Refuse private and loopback URLs, as Blue does')
            [CompletionResult]::new('--coverage', '--coverage', [CompletionResultType]::ParameterName, 'List the operations of Blue''s API that the sandbox emulates, and exit')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Show the delivery attempts recorded in a state file (running or stopped sandbox)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the sandbox''s GraphQL schema (SDL)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bluehook;sandbox;deliveries' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The sandbox''s state file')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Only this webhook''s attempts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print NDJSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;sandbox;schema' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;sandbox;help' {
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Show the delivery attempts recorded in a state file (running or stopped sandbox)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the sandbox''s GraphQL schema (SDL)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bluehook;sandbox;help;deliveries' {
            break
        }
        'bluehook;sandbox;help;schema' {
            break
        }
        'bluehook;sandbox;help;help' {
            break
        }
        'bluehook;trigger' {
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Work in this project: id, slug or name [default: the organization''s first]')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'Work in this list (by id); without a value, show the events and their operations')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a field of what is created, e.g. --set title="Launch" or --set due=2027-01-31 (due: a day, an RFC 3339 time or +3d from now; repeatable)')
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Token id')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Token secret')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization id or slug')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'GraphQL endpoint [default: https://api.blue.app/graphql]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Give up on an API request after this long')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('--cleanup', '--cleanup', [CompletionResultType]::ParameterName, 'Delete everything created afterwards, newest first (also on Ctrl-C)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print what was created and deleted as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail on stderr (requests sent, with secrets redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bluehook;help' {
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List the 37 subscribable Blue events, grouped, with what each means')
            [CompletionResult]::new('send-sample', 'send-sample', [CompletionResultType]::ParameterValue, 'Send a signed sample delivery (or thousands) to a URL, exactly as Blue does')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries locally: verify signatures, print each event, gate CI')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-send deliveries recorded by `listen --record`, byte for byte, to a URL')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Browse a record file in the web inspector (and replay from it)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Test your own webhook receiver: Blue''s deliveries, and the ones it must refuse')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the X-Signature (hex HMAC-SHA256) of a body')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a body against an X-Signature; exit 3 when it does not match')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start a listener and send it samples, to see bluehook work without a Blue account')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save Blue API credentials in a profile, after checking them')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile''s saved credentials')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved configuration and where each value came from')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your Blue webhooks')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook in full')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook''s URL, name, events or projects')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a webhook (Blue runs its health check first)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a webhook')
            [CompletionResult]::new('toggle', 'toggle', [CompletionResultType]::ParameterValue, 'Enable a disabled webhook, or disable an enabled one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a webhook')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Delete the temporary webhooks `listen --register` left on Blue (a crashed run''s)')
            [CompletionResult]::new('projects', 'projects', [CompletionResultType]::ParameterValue, 'List the organization''s projects (ids, slugs and names for --project)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run an offline Blue: its GraphQL API, its state and its deliveries, on this machine')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Make a Blue event happen by performing the real operations (sandbox or Blue)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bluehook;help;events' {
            break
        }
        'bluehook;help;send-sample' {
            break
        }
        'bluehook;help;listen' {
            break
        }
        'bluehook;help;replay' {
            break
        }
        'bluehook;help;inspect' {
            break
        }
        'bluehook;help;check' {
            break
        }
        'bluehook;help;sign' {
            break
        }
        'bluehook;help;verify' {
            break
        }
        'bluehook;help;demo' {
            break
        }
        'bluehook;help;login' {
            break
        }
        'bluehook;help;logout' {
            break
        }
        'bluehook;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the resolved settings (secrets redacted) and their sources')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file')
            break
        }
        'bluehook;help;config;show' {
            break
        }
        'bluehook;help;config;path' {
            break
        }
        'bluehook;help;list' {
            break
        }
        'bluehook;help;get' {
            break
        }
        'bluehook;help;create' {
            break
        }
        'bluehook;help;update' {
            break
        }
        'bluehook;help;enable' {
            break
        }
        'bluehook;help;disable' {
            break
        }
        'bluehook;help;toggle' {
            break
        }
        'bluehook;help;delete' {
            break
        }
        'bluehook;help;cleanup' {
            break
        }
        'bluehook;help;projects' {
            break
        }
        'bluehook;help;sandbox' {
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Show the delivery attempts recorded in a state file (running or stopped sandbox)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the sandbox''s GraphQL schema (SDL)')
            break
        }
        'bluehook;help;sandbox;deliveries' {
            break
        }
        'bluehook;help;sandbox;schema' {
            break
        }
        'bluehook;help;trigger' {
            break
        }
        'bluehook;help;completions' {
            break
        }
        'bluehook;help;man' {
            break
        }
        'bluehook;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
