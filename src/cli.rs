//! The whole command-line surface of bluehook, as clap definitions.
//!
//! This module depends on no other module of the crate: commands read these plain structs.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Manage, send, receive and verify Blue (blue.cc) webhooks.
#[derive(Debug, Parser)]
#[command(name = "bluehook", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// When to use colour: auto (a terminal, and NO_COLOR unset), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    #[arg(help_heading = "Global options")]
    pub color: ColorWhen,
    /// Show more detail on stderr (requests sent, with secrets redacted)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    #[arg(help_heading = "Global options")]
    pub verbose: u8,
    /// Configuration file [default: $XDG_CONFIG_HOME/bluehook/config.toml]
    #[arg(long, global = true, env = "BLUEHOOK_CONFIG", value_name = "FILE")]
    #[arg(help_heading = "Global options")]
    pub config: Option<PathBuf>,
    /// Configuration profile to use
    #[arg(long, global = true, env = "BLUEHOOK_PROFILE", value_name = "NAME")]
    #[arg(help_heading = "Global options")]
    pub profile: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the 37 subscribable Blue events, grouped, with what each means
    Events(EventsArgs),
    /// Send a signed sample delivery (or thousands) to a URL, exactly as Blue does
    #[command(name = "send-sample")]
    SendSample(SendSampleArgs),
    /// Receive deliveries locally: verify signatures, print each event, gate CI
    Listen(Box<ListenArgs>),
    /// Re-send deliveries recorded by `listen --record`, byte for byte, to a URL
    Replay(ReplayArgs),
    /// Browse a record file in the web inspector (and replay from it)
    Inspect(InspectArgs),
    /// Test your own webhook receiver: Blue's deliveries, and the ones it must refuse
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(CheckArgs),
    /// Print the X-Signature (hex HMAC-SHA256) of a body
    Sign(SignArgs),
    /// Check a body against an X-Signature; exit 3 when it does not match
    Verify(VerifyArgs),
    /// Start a listener and send it samples, to see bluehook work without a Blue account
    Demo(DemoArgs),
    /// Save Blue API credentials in a profile, after checking them
    Login(LoginArgs),
    /// Remove a profile's saved credentials
    Logout(LogoutArgs),
    /// Show the resolved configuration and where each value came from
    #[command(subcommand)]
    Config(ConfigCommand),
    /// List your Blue webhooks
    List(ListArgs),
    /// Show one webhook in full
    Get(GetArgs),
    /// Create a webhook
    Create(CreateArgs),
    /// Change a webhook's URL, name, events or projects
    Update(UpdateArgs),
    /// Enable a webhook (Blue runs its health check first)
    Enable(IdArgs),
    /// Disable a webhook
    Disable(IdArgs),
    /// Enable a disabled webhook, or disable an enabled one
    Toggle(IdArgs),
    /// Delete a webhook
    Delete(DeleteArgs),
    /// Delete the temporary webhooks `listen --register` left on Blue (a crashed run's)
    Cleanup(CleanupArgs),
    /// List the organization's projects (ids, slugs and names for --project)
    Projects(ProjectsArgs),
    /// Run an offline Blue: its GraphQL API, its state and its deliveries, on this machine
    Sandbox(SandboxArgs),
    /// Make a Blue event happen by performing the real operations (sandbox or Blue)
    Trigger(TriggerArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SecretArgs {
    /// Signing secret (the webhook's secret, as Blue returned it at creation)
    #[arg(short, long, env = "BLUEHOOK_SECRET", hide_env_values = true, value_name = "SECRET")]
    pub secret: Option<String>,
    /// Use the secret saved for this webhook (id, id prefix or name) by `create --save-secret`
    #[arg(long, value_name = "WEBHOOK", conflicts_with = "secret")]
    pub webhook: Option<String>,
}

#[derive(Debug, Args)]
pub struct SendSampleArgs {
    /// Where to deliver (http:// or https://)
    pub url: String,
    /// Event to send (see `bluehook events`)
    #[arg(short, long, default_value = "TODO_CREATED", value_name = "NAME")]
    pub event: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Send this file's bytes as the body, unchanged ("-" reads stdin)
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Extra request header (repeatable)
    #[arg(short = 'H', long = "header", value_name = "'K: V'")]
    pub headers: Vec<String>,
    /// Project to put in the sample: an id, or a slug or name looked up in Blue when
    /// credentials are configured
    #[arg(long, value_name = "PROJECT")]
    pub project: Option<String>,
    /// Fix ids and times, so the same seed gives the same body
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Give up on a delivery after this long (Blue waits 7s)
    #[arg(long, default_value = "7s", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Duration,
    /// Print the body that was sent
    #[arg(long)]
    pub print: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
    /// Number of deliveries to send (load mode when above 1)
    #[arg(short = 'n', long, default_value_t = 1, value_name = "N",
          value_parser = parse_count)]
    pub count: u64,
    /// Deliveries in flight at once in load mode
    #[arg(short, long, default_value_t = 8, value_name = "C")]
    pub concurrency: usize,
    /// In load mode, give every delivery fresh ids (default: the same body N times)
    #[arg(long)]
    pub unique: bool,
    /// Accept invalid TLS certificates (self-signed receivers)
    #[arg(short = 'k', long)]
    pub insecure: bool,
}

/// Exit codes of `bluehook check`, shown at the end of its help.
pub const CHECK_EXIT_CODES: &str = "\
Cases: every-event, health-check, forged, unsigned, tampered, raw-bytes, large-body, unicode,
out-of-order, redelivery, burst, timing, redirect (the README says what each sends and wants).

Exit codes:
  0    no case failed (a warning fails only with --strict)
  1    a case failed
  2    usage error
  5    the receiver could not be reached (refused, unknown host, TLS)";

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Your receiver's URL (http:// or https://)
    pub url: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Events every-event sends, with the creations they need (comma-separated; default: all 37)
    #[arg(short, long = "events", value_delimiter = ',', value_name = "EVENT")]
    pub events: Vec<String>,
    /// Run only these cases (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CASES", conflicts_with = "skip")]
    pub only: Vec<String>,
    /// Leave these cases out (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CASES")]
    pub skip: Vec<String>,
    /// Deliveries the burst case sends at once
    #[arg(short, long, default_value_t = 20, value_name = "N")]
    #[arg(value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub concurrency: u16,
    /// Print one JSON object per case and a summary (NDJSON)
    #[arg(long)]
    pub json: bool,
    /// Write a JUnit XML report to FILE: one test case per case
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Exit 1 on a warning too
    #[arg(long)]
    pub strict: bool,
    /// Accept invalid TLS certificates (self-signed receivers)
    #[arg(short = 'k', long)]
    pub insecure: bool,
    /// The time each delivery gets (Blue's is 7s; timing warns above half of it)
    #[arg(long, default_value = "7s", value_parser = parse_duration, hide = true)]
    pub timeout: Duration,
    /// The time the whole run gets
    #[arg(long, default_value = "2m", value_parser = parse_duration, hide = true)]
    pub max_time: Duration,
}

#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Address to bind
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to bind (0 picks a free one)
    #[arg(short, long, default_value_t = 8080)]
    pub port: u16,
    /// Only accept deliveries on this path (default: any path); compared with the request's
    /// percent-decoded path, so it may hold any characters but `?`
    #[arg(long, value_name = "PATH", value_parser = parse_listen_path)]
    pub path: Option<String>,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Largest body accepted, in bytes (suffixes k, M: 64k, 1M); larger gets 413
    #[arg(long, default_value = "1M", value_parser = parse_size, value_name = "SIZE")]
    pub max_body: usize,
    /// Print one line per request, without the body
    #[arg(long, conflicts_with = "body")]
    pub compact: bool,
    /// Print each request's whole body (default: the lines that matter for the event)
    #[arg(long)]
    pub body: bool,
    /// Print NDJSON on stdout (schema in the README)
    #[arg(long)]
    pub json: bool,
    /// Wait for this event (repeatable); exit 0 once every one has arrived verified
    #[arg(long, value_name = "EVENT")]
    pub expect: Vec<String>,
    /// Stop after N verified events
    #[arg(short = 'n', long, value_name = "N")]
    pub count: Option<u64>,
    /// With --expect or --count: exit 4 if they are not met within this time (30s, 2m)
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,
    /// Append every accepted delivery (headers and exact body) to FILE as NDJSON
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Status to answer accepted deliveries with, 200-599 (try 500 to see Blue retry)
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(200..=599))]
    #[arg(conflicts_with = "forward_to")]
    pub status: u16,
    /// Pass each accepted delivery on to your app at URL (headers and exact body), and answer
    /// with the app's status (502 when it cannot be reached). Repeat with EVENTS= in front
    /// (`TODO_*=URL`, `TODO_CREATED,TAG_ADDED=URL`) to route by event: the first route that
    /// takes a delivery's event gets it; one no route takes is answered without forwarding
    #[arg(short = 'f', long, value_name = "[EVENTS=]URL")]
    pub forward_to: Vec<String>,
    /// With --forward-to: answer Blue as soon as the delivery is verified and on disk in the
    /// queue, then forward from the queue in arrival order, retrying until your app answers 2xx
    /// (a breakpoint in your app no longer makes Blue retry or disable the webhook)
    #[arg(long, requires = "forward_to", help_heading = "Answer first")]
    pub answer_first: bool,
    /// With --answer-first: the queue file (kept across runs: what a killed run left is
    /// forwarded by the next) [default: $XDG_STATE_HOME/bluehook/queue.db]
    #[arg(long, value_name = "FILE", requires = "answer_first", help_heading = "Answer first")]
    pub queue: Option<PathBuf>,
    /// With --answer-first: attempts per delivery before it is given up (it stays in the file)
    #[arg(long, default_value_t = 10, value_name = "N", help_heading = "Answer first")]
    #[arg(value_parser = clap::value_parser!(u32).range(1..=1000), requires = "answer_first")]
    pub forward_attempts: u32,
    /// With --answer-first: time your app gets to answer one attempt (a paused debugger
    /// included); the wait between attempts starts at 1s and doubles up to 1m
    #[arg(long, default_value = "5m", value_parser = parse_duration, value_name = "DURATION")]
    #[arg(requires = "answer_first", help_heading = "Answer first")]
    pub forward_timeout: Duration,
    /// Time a client gets to send a request's headers, and again its body (408 after)
    #[arg(long, default_value = "10s", value_parser = parse_duration, value_name = "DURATION")]
    pub read_timeout: Duration,
    /// Keep only deliveries whose JSON body matches this jq expression (as with `select`);
    /// the others are answered 200 and counted as filtered
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    /// Write a JUnit XML report to FILE when the listener stops: one test case per --expect
    /// and one for --count, met or missing with what arrived instead
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Run CMD (by the shell) for each accepted delivery: the body on stdin, BLUEHOOK_EVENT,
    /// BLUEHOOK_VERIFIED and BLUEHOOK_HEADER_* in the environment; killed after 7s; a failure
    /// is answered 500 so Blue retries
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// Commands run at once by --exec
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=256))]
    #[arg(value_name = "N", requires = "exec")]
    pub exec_concurrency: u64,
    /// Answer as usual even when the --exec command fails or times out
    #[arg(long, requires = "exec")]
    pub exec_ack: bool,
    /// Give the listener a public URL: bore[=HOST[:PORT]] (built in; default server bore.pub),
    /// cloudflared or ngrok (your installed program, started and stopped here)
    #[arg(long, value_name = "TUNNEL", conflicts_with = "public_url")]
    pub tunnel: Option<String>,
    /// The public URL of a tunnel you run yourself to this listener (shown in the ready line)
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// With --tunnel: send a probe through the public URL this often, and reopen the tunnel
    /// when one does not come back
    #[arg(long, default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub probe_every: Duration,
    /// With --tunnel: exit 10 when the tunnel goes down instead of reopening it
    #[arg(long, requires = "tunnel")]
    pub exit_on_disconnect: bool,
    /// Memory all request bodies being read may hold together; past it, 503 with Retry-After
    #[arg(long, default_value = "128M", value_parser = parse_size, value_name = "SIZE")]
    pub memory_budget: usize,
    /// Connections open at once; past it, new ones get 503 with Retry-After and are closed
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..), value_name = "N")]
    pub max_connections: u32,
    /// Serve the web inspector beside the receiver, on ADDR (default 127.0.0.1, a free port)
    #[arg(long, value_name = "ADDR", num_args = 0..=1, require_equals = true)]
    #[arg(default_missing_value = "127.0.0.1:0")]
    pub inspect: Option<String>,
    #[command(flatten)]
    pub inspector: InspectorArgs,
    /// Create a temporary webhook on Blue that delivers here (to the public URL of --tunnel or
    /// --public-url), verify with the secret Blue returns, and delete it when stopping
    #[arg(long, conflicts_with_all = ["secret", "webhook"], help_heading = "Temporary webhook")]
    pub register: bool,
    /// With --register: keep the webhook across runs under NAME (default `listen`): the first
    /// run creates it and saves its id and secret in the config file; later runs point it here
    /// and enable it again, so its secret never changes. Not deleted on exit: `bluehook
    /// cleanup --keep NAME` deletes it
    #[arg(long, value_name = "NAME", num_args = 0..=1, require_equals = true)]
    #[arg(default_missing_value = "listen", requires = "register")]
    #[arg(help_heading = "Temporary webhook")]
    pub keep: Option<String>,
    /// With --register: write BLUE_WEBHOOK_SECRET and BLUE_WEBHOOK_ID to FILE (mode 0600,
    /// replaced whole), for your app to load
    #[arg(long, value_name = "FILE", requires = "register", help_heading = "Temporary webhook")]
    pub env_file: Option<PathBuf>,
    /// With --register: events it subscribes to (comma-separated or repeated; default: the
    /// --expect events, else every event)
    #[arg(short, long = "events", alias = "event", value_delimiter = ',', value_name = "EVENT")]
    #[arg(requires = "register", help_heading = "Temporary webhook")]
    pub events: Vec<String>,
    /// With --register: projects it covers, by id, slug or name (repeatable; default: all)
    #[arg(long = "project", value_delimiter = ',', value_name = "PROJECT")]
    #[arg(requires = "register", help_heading = "Temporary webhook")]
    pub projects: Vec<String>,
    #[command(flatten)]
    pub api: ApiArgs,
}

/// How the web inspector is served.
#[derive(Debug, Args)]
pub struct InspectorArgs {
    /// Deliveries the inspector keeps (older ones leave the page)
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub inspect_keep: usize,
    /// Allow the inspector on an address other than loopback (bodies can hold customer data)
    #[arg(long)]
    pub inspect_public: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Record file written by `bluehook listen --record`; replays are appended to it
    pub file: PathBuf,
    /// Address to serve the page on (127.0.0.1:0 picks a free port)
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    pub addr: String,
    /// Where replays go unless the page names another URL
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// Only deliveries whose JSON body matches this jq expression (as with `select`)
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    #[command(flatten)]
    pub secret: SecretArgs,
    #[command(flatten)]
    pub inspector: InspectorArgs,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Record file written by `bluehook listen --record` ("-" reads stdin)
    pub file: PathBuf,
    /// Where to deliver (http:// or https://)
    pub url: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Only deliveries of this event (repeatable)
    #[arg(short, long = "event", value_name = "NAME")]
    pub events: Vec<String>,
    /// Only these lines of the file: 3, 2-5, 7- (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', value_parser = parse_line_range, value_name = "LINES")]
    pub only: Vec<LineRange>,
    /// Extra request header (repeatable)
    #[arg(short = 'H', long = "header", value_name = "'K: V'")]
    pub headers: Vec<String>,
    /// Deliveries in flight at once (1 keeps the file's order)
    #[arg(short, long, default_value_t = 1, value_name = "C")]
    pub concurrency: usize,
    /// Give up on a delivery after this long (Blue waits 7s)
    #[arg(long, default_value = "7s", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Duration,
    /// Only deliveries whose JSON body matches this jq expression (as with `select`)
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    /// Refuse the whole file (exit 2, nothing sent) if any line is not a record
    #[arg(long)]
    pub strict: bool,
    /// Print one JSON object per delivery, then a summary (NDJSON)
    #[arg(long)]
    pub json: bool,
    /// Accept invalid TLS certificates (self-signed receivers)
    #[arg(short = 'k', long)]
    pub insecure: bool,
}

/// Lines `start` to `end` of a file, 1-based and inclusive; no `end` means to the last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    pub start: usize,
    pub end: Option<usize>,
}

impl LineRange {
    pub fn contains(&self, line: usize) -> bool {
        line >= self.start && self.end.is_none_or(|end| line <= end)
    }
}

#[derive(Debug, Args)]
pub struct SignArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// File holding the body ("-" or nothing reads stdin)
    pub file: Option<PathBuf>,
    /// Print {"signature","bytes"} as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The X-Signature value received (hex)
    #[arg(long, value_name = "HEX")]
    pub signature: String,
    /// File holding the body ("-" or nothing reads stdin)
    pub file: Option<PathBuf>,
    /// Print {"verified","reason","bytes"} as JSON (the exit code still says it)
    #[arg(long)]
    pub json: bool,
    /// When it does not match, say why: test the known causes (JSON re-serialised, newline,
    /// CRLF, BOM, header form, another saved webhook's secret, an earlier delivery's signature)
    #[arg(long)]
    pub explain: bool,
    /// With --explain: a record file (`listen --record`) of earlier deliveries to compare with
    #[arg(long, value_name = "FILE", requires = "explain")]
    pub recorded: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print one line per request, without the body
    #[arg(long, conflicts_with = "body")]
    pub compact: bool,
    /// Print each request's whole body (default: the lines that matter for the event)
    #[arg(long)]
    pub body: bool,
    /// Print the listener's NDJSON instead
    #[arg(long)]
    pub json: bool,
}

/// How to reach Blue's API; flags win over the environment, which wins over the config file.
#[derive(Debug, Args, Clone, Default)]
pub struct ApiArgs {
    /// Token id
    #[arg(long, help_heading = "Blue API", env = "BLUE_TOKEN_ID", value_name = "ID")]
    pub token_id: Option<String>,
    /// Token secret
    #[arg(
        long,
        help_heading = "Blue API",
        env = "BLUE_TOKEN_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub token_secret: Option<String>,
    /// Organization id or slug
    #[arg(long, help_heading = "Blue API", env = "BLUE_ORG_ID", value_name = "ORG")]
    pub org: Option<String>,
    /// GraphQL endpoint [default: https://api.blue.app/graphql]
    #[arg(long, help_heading = "Blue API", env = "BLUE_API_URL", value_name = "URL")]
    pub api_url: Option<String>,
    /// Give up on an API request after this long
    #[arg(long, help_heading = "Blue API", default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub api_timeout: Duration,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Save without checking the credentials against Blue
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Do not ask for confirmation (webhooks the profile keeps for `listen --keep` are
    /// deleted from Blue too)
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the resolved settings (secrets redacted) and their sources
    Show {
        #[command(flatten)]
        api: ApiArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print the path of the configuration file
    Path,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Only enabled webhooks
    #[arg(long, conflicts_with_all = ["disabled", "all"])]
    pub enabled: bool,
    /// Only disabled webhooks
    #[arg(long, conflicts_with = "all")]
    pub disabled: bool,
    /// Every webhook (the default)
    #[arg(long)]
    pub all: bool,
    /// Print the webhooks as Blue returned them, as a JSON array
    #[arg(long)]
    pub json: bool,
    /// Every column, nothing shortened, whatever the terminal's width
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Webhook id, unique id prefix, or unique name
    pub id: String,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Where Blue delivers (a public http(s) URL)
    #[arg(long)]
    pub url: Option<String>,
    /// A name to recognise the webhook by
    #[arg(long)]
    pub name: Option<String>,
    /// Events to subscribe to (comma-separated or repeated; "all" or none = every event)
    #[arg(short, long = "events", alias = "event", value_delimiter = ',', value_name = "EVENT")]
    pub events: Vec<String>,
    /// Projects to cover: id, slug or exact name (repeatable; none = every project)
    #[arg(short, long = "project", value_delimiter = ',', value_name = "PROJECT")]
    pub projects: Vec<String>,
    /// Save the signing secret in the config, for `listen --webhook ID`
    #[arg(long)]
    pub save_secret: bool,
    /// Print only the signing secret (for scripts)
    #[arg(long, conflicts_with = "json")]
    pub print_secret: bool,
    /// Print the created webhook as JSON (secret included)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Webhook id, unique id prefix, or unique name
    pub id: String,
    /// New URL
    #[arg(long)]
    pub url: Option<String>,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// Replace the event list ("all" = every event)
    #[arg(short, long = "events", value_delimiter = ',', value_name = "EVENT")]
    pub events: Vec<String>,
    /// Add events to the current list
    #[arg(long = "add-event", value_delimiter = ',', value_name = "EVENT")]
    pub add_events: Vec<String>,
    /// Remove events from the current list
    #[arg(long = "remove-event", value_delimiter = ',', value_name = "EVENT")]
    pub remove_events: Vec<String>,
    /// Replace the project list: ids, slugs or exact names ("all" = every project)
    #[arg(short, long = "project", value_delimiter = ',', value_name = "PROJECT")]
    pub projects: Vec<String>,
    /// Print the updated webhook as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Webhook id, unique id prefix, or unique name
    pub id: String,
    /// Print the webhook as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Webhook id, unique id prefix, or unique name
    pub id: String,
    /// Do not ask for confirmation (required without a terminal)
    #[arg(short, long)]
    pub yes: bool,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CleanupArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Delete the webhook `listen --register --keep NAME` kept (default name `listen`) and
    /// forget its saved secret, instead of the temporary webhooks
    #[arg(long, value_name = "NAME", num_args = 0..=1, require_equals = true)]
    #[arg(default_missing_value = "listen")]
    pub keep: Option<String>,
    /// Do not ask for confirmation (required without a terminal)
    #[arg(short, long)]
    pub yes: bool,
    /// Print what was deleted as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProjectsArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Only projects whose name matches (Blue's search)
    #[arg(long, value_name = "Q")]
    pub search: Option<String>,
    /// Print the projects as Blue returned them, as a JSON array
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate for
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SandboxArgs {
    #[command(subcommand)]
    pub action: Option<SandboxAction>,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1", value_name = "HOST")]
    pub host: String,
    /// Port to listen on (0 picks a free one; the ready line says which)
    #[arg(short, long, default_value_t = 4000, value_name = "PORT")]
    pub port: u16,
    /// Keep the state in this SQLite file (default: in memory)
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Print the ready line and the delivery log as NDJSON
    #[arg(long)]
    pub json: bool,
    /// Accept only this token id (default: any token id is a user, its secret fixed when first seen)
    #[arg(long, value_name = "ID", requires = "token_secret")]
    pub token_id: Option<String>,
    /// Accept only this token secret
    #[arg(long, value_name = "SECRET", requires = "token_id")]
    pub token_secret: Option<String>,
    /// Refuse createWebhook past N webhooks (PLAN_LIMIT_REACHED)
    #[arg(long, value_name = "N")]
    pub plan_limit: Option<usize>,
    /// Refuse private and loopback URLs, as Blue does
    #[arg(long)]
    pub strict_urls: bool,
    /// Divide every delivery delay by X (first attempt 5s, backoff, 7s timeout)
    #[arg(long, default_value_t = 1.0, value_name = "X")]
    pub speed: f64,
    /// Answer Blue's 429 past N requests per minute
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,
    /// Wait this long before answering each API request
    #[arg(long, default_value = "0s", value_parser = parse_duration, value_name = "DURATION")]
    pub api_latency: Duration,
    /// Answer this fraction of API requests with a 503 (0 to 1)
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    pub api_error_rate: f64,
    /// List the operations of Blue's API that the sandbox emulates, and exit
    #[arg(long)]
    pub coverage: bool,
}

#[derive(Debug, Subcommand)]
pub enum SandboxAction {
    /// Show the delivery attempts recorded in a state file (running or stopped sandbox)
    Deliveries(SandboxDeliveriesArgs),
    /// Print the sandbox's GraphQL schema (SDL)
    #[command(hide = true)]
    Schema,
}

#[derive(Debug, Args)]
pub struct SandboxDeliveriesArgs {
    /// The sandbox's state file
    #[arg(long, value_name = "FILE")]
    pub state: PathBuf,
    /// Only this webhook's attempts
    #[arg(long, value_name = "ID")]
    pub webhook: Option<String>,
    /// Print NDJSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TriggerArgs {
    /// The event to make happen (see `bluehook trigger --list`)
    #[arg(value_name = "EVENT", required_unless_present = "list")]
    pub event: Option<String>,
    /// Work in this project: id, slug or name [default: the organization's first]
    #[arg(long, value_name = "ID|SLUG|NAME")]
    pub project: Option<String>,
    /// Work in this list (by id); without a value, show the events and their operations
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub list: Option<String>,
    /// Override a field of what is created, e.g. --set title="Launch" or --set due=2027-01-31
    /// (due: a day, an RFC 3339 time or +3d from now; repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Delete everything created afterwards, newest first (also on Ctrl-C)
    #[arg(long)]
    pub cleanup: bool,
    /// Print what was created and deleted as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub api: ApiArgs,
}

/// The longest duration any flag takes: far beyond any sensible wait, and small enough that
/// adding it to the current time can never overflow.
pub const MAX_DURATION: Duration = Duration::from_secs(365 * 24 * 3600);

/// Parses "7s", "500ms", "2m", "1h 30m"; a bare number means seconds. At most
/// [`MAX_DURATION`] (365 days), so no deadline computed from it can overflow.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let parsed = match t.parse::<f64>() {
        Ok(secs) => Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())?,
        Err(_) => {
            humantime::parse_duration(t).map_err(|e| format!("{e} (try 30s, 500ms or 2m)"))?
        }
    };
    if parsed > MAX_DURATION {
        return Err(format!("`{t}` is too long: at most 365 days"));
    }
    Ok(parsed)
}

/// Parses a number of deliveries: 1 or more (0 would still have to send something or nothing).
pub fn parse_count(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(0) => Err("must be at least 1 (the number of deliveries to send)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Parses a byte size: "1048576", "64k", "1M", "1MiB".
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: usize = num.parse().map_err(|_| format!("`{s}` is not a size (try 64k or 1M)"))?;
    let mult: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown unit in `{s}` (use k, M or G)")),
    };
    n.checked_mul(mult).ok_or_else(|| format!("`{s}` is too large"))
}

/// Parses `listen --path`: a path without a query (`?`), given a leading `/` when it has none.
pub fn parse_listen_path(s: &str) -> Result<String, String> {
    if s.contains('?') {
        return Err(format!(
            "`{s}` has a query string: --path matches the path alone, without `?...`"
        ));
    }
    Ok(if s.starts_with('/') { s.to_string() } else { format!("/{s}") })
}

/// Parses a line range: "3", "2-5", "7-".
pub fn parse_line_range(s: &str) -> Result<LineRange, String> {
    let bad = || format!("`{s}` is not a line number or range (try 3, 2-5 or 7-)");
    let number = |t: &str| t.trim().parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(bad);
    let range = match s.split_once('-') {
        None => LineRange { start: number(s)?, end: Some(number(s)?) },
        Some((a, b)) if b.trim().is_empty() => LineRange { start: number(a)?, end: None },
        Some((a, b)) => LineRange { start: number(a)?, end: Some(number(b)?) },
    };
    match range.end {
        Some(end) if end < range.start => Err(format!("`{s}` ends before it starts")),
        _ => Ok(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_and_sizes_parse() {
        assert_eq!(parse_duration("7s"), Ok(Duration::from_secs(7)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_size("1M"), Ok(1 << 20));
        assert_eq!(parse_size("64k"), Ok(65536));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("1X").is_err());
        assert!(parse_size("k").is_err());
    }

    #[test]
    fn durations_are_bounded_so_deadlines_cannot_overflow() {
        for huge in ["1e19", "300000000000y", "366d", "31536001"] {
            let err = parse_duration(huge).unwrap_err();
            assert!(err.contains("at most 365 days") || err.contains("overflow"), "{huge}: {err}");
        }
        assert_eq!(parse_duration("365d"), Ok(MAX_DURATION));
        assert!(std::time::Instant::now().checked_add(MAX_DURATION).is_some());
        assert!(parse_duration("-1").is_err());
        assert!(parse_duration("NaN").is_err());
    }

    #[test]
    fn listen_paths_refuse_a_query_and_get_a_leading_slash() {
        assert_eq!(parse_listen_path("hooks/blue"), Ok("/hooks/blue".into()));
        assert_eq!(parse_listen_path("/café"), Ok("/café".into()));
        assert!(parse_listen_path("/hooks?token=1").unwrap_err().contains("query"));
    }

    #[test]
    fn line_ranges_parse() {
        let r = |start, end| Ok(LineRange { start, end });
        assert_eq!(parse_line_range("3"), r(3, Some(3)));
        assert_eq!(parse_line_range("2-5"), r(2, Some(5)));
        assert_eq!(parse_line_range("7-"), r(7, None));
        assert!(parse_line_range("0").is_err());
        assert!(parse_line_range("5-2").unwrap_err().contains("ends before it starts"));
        assert!(parse_line_range("-4").is_err());
        assert!(parse_line_range("a").is_err());
        assert!(parse_line_range("7-").unwrap().contains(1000));
        assert!(!parse_line_range("2-5").unwrap().contains(6));
    }
}
