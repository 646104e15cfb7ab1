
use builtin;
use str;

set edit:completion:arg-completer[bluehook] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'bluehook'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'bluehook'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand events 'List the 37 subscribable Blue events, grouped, with what each means'
            cand send-sample 'Send a signed sample delivery (or thousands) to a URL, exactly as Blue does'
            cand listen 'Receive deliveries locally: verify signatures, print each event, gate CI'
            cand replay 'Re-send deliveries recorded by `listen --record`, byte for byte, to a URL'
            cand inspect 'Browse a record file in the web inspector (and replay from it)'
            cand check 'Test your own webhook receiver: Blue''s deliveries, and the ones it must refuse'
            cand sign 'Print the X-Signature (hex HMAC-SHA256) of a body'
            cand verify 'Check a body against an X-Signature; exit 3 when it does not match'
            cand demo 'Start a listener and send it samples, to see bluehook work without a Blue account'
            cand login 'Save Blue API credentials in a profile, after checking them'
            cand logout 'Remove a profile''s saved credentials'
            cand config 'Show the resolved configuration and where each value came from'
            cand list 'List your Blue webhooks'
            cand get 'Show one webhook in full'
            cand create 'Create a webhook'
            cand update 'Change a webhook''s URL, name, events or projects'
            cand enable 'Enable a webhook (Blue runs its health check first)'
            cand disable 'Disable a webhook'
            cand toggle 'Enable a disabled webhook, or disable an enabled one'
            cand delete 'Delete a webhook'
            cand cleanup 'Delete the temporary webhooks `listen --register` left on Blue (a crashed run''s)'
            cand projects 'List the organization''s projects (ids, slugs and names for --project)'
            cand sandbox 'Run an offline Blue: its GraphQL API, its state and its deliveries, on this machine'
            cand trigger 'Make a Blue event happen by performing the real operations (sandbox or Blue)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bluehook;events'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print JSON instead of a table'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;send-sample'= {
            cand -e 'Event to send (see `bluehook events`)'
            cand --event 'Event to send (see `bluehook events`)'
            cand -s 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --secret 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --webhook 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`'
            cand --data 'Send this file''s bytes as the body, unchanged ("-" reads stdin)'
            cand -H 'Extra request header (repeatable)'
            cand --header 'Extra request header (repeatable)'
            cand --project 'Project to put in the sample: an id, or a slug or name looked up in Blue when credentials are configured'
            cand --seed 'Fix ids and times, so the same seed gives the same body'
            cand --timeout 'Give up on a delivery after this long (Blue waits 7s)'
            cand -n 'Number of deliveries to send (load mode when above 1)'
            cand --count 'Number of deliveries to send (load mode when above 1)'
            cand -c 'Deliveries in flight at once in load mode'
            cand --concurrency 'Deliveries in flight at once in load mode'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --print 'Print the body that was sent'
            cand --json 'Print the result as JSON'
            cand --unique 'In load mode, give every delivery fresh ids (default: the same body N times)'
            cand -k 'Accept invalid TLS certificates (self-signed receivers)'
            cand --insecure 'Accept invalid TLS certificates (self-signed receivers)'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;listen'= {
            cand --host 'Address to bind'
            cand -p 'Port to bind (0 picks a free one)'
            cand --port 'Port to bind (0 picks a free one)'
            cand --path 'Only accept deliveries on this path (default: any path); compared with the request''s percent-decoded path, so it may hold any characters but `?`'
            cand -s 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --secret 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --webhook 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`'
            cand --max-body 'Largest body accepted, in bytes (suffixes k, M: 64k, 1M); larger gets 413'
            cand --expect 'Wait for this event (repeatable); exit 0 once every one has arrived verified'
            cand -n 'Stop after N verified events'
            cand --count 'Stop after N verified events'
            cand --timeout 'With --expect or --count: exit 4 if they are not met within this time (30s, 2m)'
            cand --record 'Append every accepted delivery (headers and exact body) to FILE as NDJSON'
            cand --status 'Status to answer accepted deliveries with, 200-599 (try 500 to see Blue retry)'
            cand -f 'Pass each accepted delivery on to your app at URL (headers and exact body), and answer with the app''s status (502 when it cannot be reached). Repeat with EVENTS= in front (`TODO_*=URL`, `TODO_CREATED,TAG_ADDED=URL`) to route by event: the first route that takes a delivery''s event gets it; one no route takes is answered without forwarding'
            cand --forward-to 'Pass each accepted delivery on to your app at URL (headers and exact body), and answer with the app''s status (502 when it cannot be reached). Repeat with EVENTS= in front (`TODO_*=URL`, `TODO_CREATED,TAG_ADDED=URL`) to route by event: the first route that takes a delivery''s event gets it; one no route takes is answered without forwarding'
            cand --queue 'With --answer-first: the queue file (kept across runs: what a killed run left is forwarded by the next) [default: $XDG_STATE_HOME/bluehook/queue.db]'
            cand --forward-attempts 'With --answer-first: attempts per delivery before it is given up (it stays in the file)'
            cand --forward-timeout 'With --answer-first: time your app gets to answer one attempt (a paused debugger included); the wait between attempts starts at 1s and doubles up to 1m'
            cand --read-timeout 'Time a client gets to send a request''s headers, and again its body (408 after)'
            cand --filter 'Keep only deliveries whose JSON body matches this jq expression (as with `select`); the others are answered 200 and counted as filtered'
            cand --junit 'Write a JUnit XML report to FILE when the listener stops: one test case per --expect and one for --count, met or missing with what arrived instead'
            cand --exec 'Run CMD (by the shell) for each accepted delivery: the body on stdin, BLUEHOOK_EVENT, BLUEHOOK_VERIFIED and BLUEHOOK_HEADER_* in the environment; killed after 7s; a failure is answered 500 so Blue retries'
            cand --exec-concurrency 'Commands run at once by --exec'
            cand --tunnel 'Give the listener a public URL: bore[=HOST[:PORT]] (built in; default server bore.pub), cloudflared or ngrok (your installed program, started and stopped here)'
            cand --public-url 'The public URL of a tunnel you run yourself to this listener (shown in the ready line)'
            cand --probe-every 'With --tunnel: send a probe through the public URL this often, and reopen the tunnel when one does not come back'
            cand --memory-budget 'Memory all request bodies being read may hold together; past it, 503 with Retry-After'
            cand --max-connections 'Connections open at once; past it, new ones get 503 with Retry-After and are closed'
            cand --inspect 'Serve the web inspector beside the receiver, on ADDR (default 127.0.0.1, a free port)'
            cand --inspect-keep 'Deliveries the inspector keeps (older ones leave the page)'
            cand --keep 'With --register: keep the webhook across runs under NAME (default `listen`): the first run creates it and saves its id and secret in the config file; later runs point it here and enable it again, so its secret never changes. Not deleted on exit: `bluehook cleanup --keep NAME` deletes it'
            cand --env-file 'With --register: write BLUE_WEBHOOK_SECRET and BLUE_WEBHOOK_ID to FILE (mode 0600, replaced whole), for your app to load'
            cand -e 'With --register: events it subscribes to (comma-separated or repeated; default: the --expect events, else every event)'
            cand --events 'With --register: events it subscribes to (comma-separated or repeated; default: the --expect events, else every event)'
            cand --project 'With --register: projects it covers, by id, slug or name (repeatable; default: all)'
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --compact 'Print one line per request, without the body'
            cand --body 'Print each request''s whole body (default: the lines that matter for the event)'
            cand --json 'Print NDJSON on stdout (schema in the README)'
            cand --answer-first 'With --forward-to: answer Blue as soon as the delivery is verified and on disk in the queue, then forward from the queue in arrival order, retrying until your app answers 2xx (a breakpoint in your app no longer makes Blue retry or disable the webhook)'
            cand --exec-ack 'Answer as usual even when the --exec command fails or times out'
            cand --exit-on-disconnect 'With --tunnel: exit 10 when the tunnel goes down instead of reopening it'
            cand --inspect-public 'Allow the inspector on an address other than loopback (bodies can hold customer data)'
            cand --register 'Create a temporary webhook on Blue that delivers here (to the public URL of --tunnel or --public-url), verify with the secret Blue returns, and delete it when stopping'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;replay'= {
            cand -s 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --secret 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --webhook 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`'
            cand -e 'Only deliveries of this event (repeatable)'
            cand --event 'Only deliveries of this event (repeatable)'
            cand --only 'Only these lines of the file: 3, 2-5, 7- (comma-separated or repeated)'
            cand -H 'Extra request header (repeatable)'
            cand --header 'Extra request header (repeatable)'
            cand -c 'Deliveries in flight at once (1 keeps the file''s order)'
            cand --concurrency 'Deliveries in flight at once (1 keeps the file''s order)'
            cand --timeout 'Give up on a delivery after this long (Blue waits 7s)'
            cand --filter 'Only deliveries whose JSON body matches this jq expression (as with `select`)'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --strict 'Refuse the whole file (exit 2, nothing sent) if any line is not a record'
            cand --json 'Print one JSON object per delivery, then a summary (NDJSON)'
            cand -k 'Accept invalid TLS certificates (self-signed receivers)'
            cand --insecure 'Accept invalid TLS certificates (self-signed receivers)'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;inspect'= {
            cand --addr 'Address to serve the page on (127.0.0.1:0 picks a free port)'
            cand --to 'Where replays go unless the page names another URL'
            cand --filter 'Only deliveries whose JSON body matches this jq expression (as with `select`)'
            cand -s 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --secret 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --webhook 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`'
            cand --inspect-keep 'Deliveries the inspector keeps (older ones leave the page)'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --inspect-public 'Allow the inspector on an address other than loopback (bodies can hold customer data)'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;check'= {
            cand -s 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --secret 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --webhook 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`'
            cand -e 'Events every-event sends, with the creations they need (comma-separated; default: all 37)'
            cand --events 'Events every-event sends, with the creations they need (comma-separated; default: all 37)'
            cand --only 'Run only these cases (comma-separated)'
            cand --skip 'Leave these cases out (comma-separated)'
            cand -c 'Deliveries the burst case sends at once'
            cand --concurrency 'Deliveries the burst case sends at once'
            cand --junit 'Write a JUnit XML report to FILE: one test case per case'
            cand --timeout 'The time each delivery gets (Blue''s is 7s; timing warns above half of it)'
            cand --max-time 'The time the whole run gets'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print one JSON object per case and a summary (NDJSON)'
            cand --strict 'Exit 1 on a warning too'
            cand -k 'Accept invalid TLS certificates (self-signed receivers)'
            cand --insecure 'Accept invalid TLS certificates (self-signed receivers)'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;sign'= {
            cand -s 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --secret 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --webhook 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print {"signature","bytes"} as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;verify'= {
            cand -s 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --secret 'Signing secret (the webhook''s secret, as Blue returned it at creation)'
            cand --webhook 'Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`'
            cand --signature 'The X-Signature value received (hex)'
            cand --recorded 'With --explain: a record file (`listen --record`) of earlier deliveries to compare with'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print {"verified","reason","bytes"} as JSON (the exit code still says it)'
            cand --explain 'When it does not match, say why: test the known causes (JSON re-serialised, newline, CRLF, BOM, header form, another saved webhook''s secret, an earlier delivery''s signature)'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;demo'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --compact 'Print one line per request, without the body'
            cand --body 'Print each request''s whole body (default: the lines that matter for the event)'
            cand --json 'Print the listener''s NDJSON instead'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;login'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --no-verify 'Save without checking the credentials against Blue'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;logout'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -y 'Do not ask for confirmation (webhooks the profile keeps for `listen --keep` are deleted from Blue too)'
            cand --yes 'Do not ask for confirmation (webhooks the profile keeps for `listen --keep` are deleted from Blue too)'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;config'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print the resolved settings (secrets redacted) and their sources'
            cand path 'Print the path of the configuration file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bluehook;config;show'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;config;path'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;config;help'= {
            cand show 'Print the resolved settings (secrets redacted) and their sources'
            cand path 'Print the path of the configuration file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bluehook;config;help;show'= {
        }
        &'bluehook;config;help;path'= {
        }
        &'bluehook;config;help;help'= {
        }
        &'bluehook;list'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --enabled 'Only enabled webhooks'
            cand --disabled 'Only disabled webhooks'
            cand --all 'Every webhook (the default)'
            cand --json 'Print the webhooks as Blue returned them, as a JSON array'
            cand --wide 'Every column, nothing shortened, whatever the terminal''s width'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;get'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;create'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --url 'Where Blue delivers (a public http(s) URL)'
            cand --name 'A name to recognise the webhook by'
            cand -e 'Events to subscribe to (comma-separated or repeated; "all" or none = every event)'
            cand --events 'Events to subscribe to (comma-separated or repeated; "all" or none = every event)'
            cand -p 'Projects to cover: id, slug or exact name (repeatable; none = every project)'
            cand --project 'Projects to cover: id, slug or exact name (repeatable; none = every project)'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --save-secret 'Save the signing secret in the config, for `listen --webhook ID`'
            cand --print-secret 'Print only the signing secret (for scripts)'
            cand --json 'Print the created webhook as JSON (secret included)'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;update'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --url 'New URL'
            cand --name 'New name'
            cand -e 'Replace the event list ("all" = every event)'
            cand --events 'Replace the event list ("all" = every event)'
            cand --add-event 'Add events to the current list'
            cand --remove-event 'Remove events from the current list'
            cand -p 'Replace the project list: ids, slugs or exact names ("all" = every project)'
            cand --project 'Replace the project list: ids, slugs or exact names ("all" = every project)'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print the updated webhook as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;enable'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print the webhook as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;disable'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print the webhook as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;toggle'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print the webhook as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;delete'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print the result as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;cleanup'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --keep 'Delete the webhook `listen --register --keep NAME` kept (default name `listen`) and forget its saved secret, instead of the temporary webhooks'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -y 'Do not ask for confirmation (required without a terminal)'
            cand --yes 'Do not ask for confirmation (required without a terminal)'
            cand --json 'Print what was deleted as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;projects'= {
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --search 'Only projects whose name matches (Blue''s search)'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print the projects as Blue returned them, as a JSON array'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;sandbox'= {
            cand --host 'Address to listen on'
            cand -p 'Port to listen on (0 picks a free one; the ready line says which)'
            cand --port 'Port to listen on (0 picks a free one; the ready line says which)'
            cand --state 'Keep the state in this SQLite file (default: in memory)'
            cand --token-id 'Accept only this token id (default: any token id is a user, its secret fixed when first seen)'
            cand --token-secret 'Accept only this token secret'
            cand --plan-limit 'Refuse createWebhook past N webhooks (PLAN_LIMIT_REACHED)'
            cand --speed 'Divide every delivery delay by X (first attempt 5s, backoff, 7s timeout)'
            cand --rate-limit 'Answer Blue''s 429 past N requests per minute'
            cand --api-latency 'Wait this long before answering each API request'
            cand --api-error-rate 'Answer this fraction of API requests with a 503 (0 to 1)'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print the ready line and the delivery log as NDJSON'
            cand --strict-urls 'Refuse private and loopback URLs, as Blue does'
            cand --coverage 'List the operations of Blue''s API that the sandbox emulates, and exit'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand deliveries 'Show the delivery attempts recorded in a state file (running or stopped sandbox)'
            cand schema 'Print the sandbox''s GraphQL schema (SDL)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bluehook;sandbox;deliveries'= {
            cand --state 'The sandbox''s state file'
            cand --webhook 'Only this webhook''s attempts'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --json 'Print NDJSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;sandbox;schema'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;sandbox;help'= {
            cand deliveries 'Show the delivery attempts recorded in a state file (running or stopped sandbox)'
            cand schema 'Print the sandbox''s GraphQL schema (SDL)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bluehook;sandbox;help;deliveries'= {
        }
        &'bluehook;sandbox;help;schema'= {
        }
        &'bluehook;sandbox;help;help'= {
        }
        &'bluehook;trigger'= {
            cand --project 'Work in this project: id, slug or name [default: the organization''s first]'
            cand --list 'Work in this list (by id); without a value, show the events and their operations'
            cand --set 'Override a field of what is created, e.g. --set title="Launch" or --set due=2027-01-31 (due: a day, an RFC 3339 time or +3d from now; repeatable)'
            cand --token-id 'Token id'
            cand --token-secret 'Token secret'
            cand --org 'Organization id or slug'
            cand --api-url 'GraphQL endpoint [default: https://api.blue.app/graphql]'
            cand --api-timeout 'Give up on an API request after this long'
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand --cleanup 'Delete everything created afterwards, newest first (also on Ctrl-C)'
            cand --json 'Print what was created and deleted as JSON'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;completions'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;man'= {
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always, never'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]'
            cand --profile 'Configuration profile to use'
            cand -v 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand --verbose 'Show more detail on stderr (requests sent, with secrets redacted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bluehook;help'= {
            cand events 'List the 37 subscribable Blue events, grouped, with what each means'
            cand send-sample 'Send a signed sample delivery (or thousands) to a URL, exactly as Blue does'
            cand listen 'Receive deliveries locally: verify signatures, print each event, gate CI'
            cand replay 'Re-send deliveries recorded by `listen --record`, byte for byte, to a URL'
            cand inspect 'Browse a record file in the web inspector (and replay from it)'
            cand check 'Test your own webhook receiver: Blue''s deliveries, and the ones it must refuse'
            cand sign 'Print the X-Signature (hex HMAC-SHA256) of a body'
            cand verify 'Check a body against an X-Signature; exit 3 when it does not match'
            cand demo 'Start a listener and send it samples, to see bluehook work without a Blue account'
            cand login 'Save Blue API credentials in a profile, after checking them'
            cand logout 'Remove a profile''s saved credentials'
            cand config 'Show the resolved configuration and where each value came from'
            cand list 'List your Blue webhooks'
            cand get 'Show one webhook in full'
            cand create 'Create a webhook'
            cand update 'Change a webhook''s URL, name, events or projects'
            cand enable 'Enable a webhook (Blue runs its health check first)'
            cand disable 'Disable a webhook'
            cand toggle 'Enable a disabled webhook, or disable an enabled one'
            cand delete 'Delete a webhook'
            cand cleanup 'Delete the temporary webhooks `listen --register` left on Blue (a crashed run''s)'
            cand projects 'List the organization''s projects (ids, slugs and names for --project)'
            cand sandbox 'Run an offline Blue: its GraphQL API, its state and its deliveries, on this machine'
            cand trigger 'Make a Blue event happen by performing the real operations (sandbox or Blue)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bluehook;help;events'= {
        }
        &'bluehook;help;send-sample'= {
        }
        &'bluehook;help;listen'= {
        }
        &'bluehook;help;replay'= {
        }
        &'bluehook;help;inspect'= {
        }
        &'bluehook;help;check'= {
        }
        &'bluehook;help;sign'= {
        }
        &'bluehook;help;verify'= {
        }
        &'bluehook;help;demo'= {
        }
        &'bluehook;help;login'= {
        }
        &'bluehook;help;logout'= {
        }
        &'bluehook;help;config'= {
            cand show 'Print the resolved settings (secrets redacted) and their sources'
            cand path 'Print the path of the configuration file'
        }
        &'bluehook;help;config;show'= {
        }
        &'bluehook;help;config;path'= {
        }
        &'bluehook;help;list'= {
        }
        &'bluehook;help;get'= {
        }
        &'bluehook;help;create'= {
        }
        &'bluehook;help;update'= {
        }
        &'bluehook;help;enable'= {
        }
        &'bluehook;help;disable'= {
        }
        &'bluehook;help;toggle'= {
        }
        &'bluehook;help;delete'= {
        }
        &'bluehook;help;cleanup'= {
        }
        &'bluehook;help;projects'= {
        }
        &'bluehook;help;sandbox'= {
            cand deliveries 'Show the delivery attempts recorded in a state file (running or stopped sandbox)'
            cand schema 'Print the sandbox''s GraphQL schema (SDL)'
        }
        &'bluehook;help;sandbox;deliveries'= {
        }
        &'bluehook;help;sandbox;schema'= {
        }
        &'bluehook;help;trigger'= {
        }
        &'bluehook;help;completions'= {
        }
        &'bluehook;help;man'= {
        }
        &'bluehook;help;help'= {
        }
    ]
    $completions[$command]
}
