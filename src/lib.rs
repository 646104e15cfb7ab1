//! bluehook: manage, send, receive and verify Blue (blue.cc) webhooks.
//!
//! `main.rs` parses the command line and calls [`run`]; every command lives in `cmd/`.

pub mod api;
pub mod check;
pub mod cli;
mod cmd;
pub mod config;
pub mod error;
pub mod events;
mod files;
mod hookspec;
pub mod junit;
pub mod listen;
pub mod record;
mod sandbox;
pub mod send;
pub mod signals;
pub mod signature;
pub mod term;
mod view;

use std::future::Future;

use cli::{Cli, Command};

/// The command line's definition ([`Cli`]) with what it cannot say itself: the exit codes,
/// from [`error::Exit`], at the end of `--help` and the man page.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().after_help(error::Exit::help_text())
}

/// Parses the process's arguments against [`command`].
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let mut command = command();
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))
}

/// Prints a command-line parsing error (or the help or version it stands for); the exit code.
pub fn usage_error(err: &clap::Error) -> u8 {
    cmd::print_usage_error(err)
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    term::output::init_color(cmd::color(cli.global.color));
    let g = &cli.global;
    match cli.command {
        Command::Events(a) => cmd::events::run(&a),
        Command::SendSample(a) => block_on(cmd::send_sample::run(a, g)),
        Command::Listen(a) => block_on(cmd::listen::run(*a, g)),
        Command::Replay(a) => block_on(cmd::replay::run(a, g)),
        Command::Inspect(a) => block_on(cmd::inspect::run(a, g)),
        Command::Check(a) => block_on(cmd::check::run(a, g)),
        Command::Sign(a) => cmd::sign::run(&a, g),
        Command::Verify(a) => cmd::verify::run(&a, g),
        Command::Demo(a) => block_on(cmd::demo::run(a)),
        Command::Login(a) => block_on(cmd::login::run(a, g)),
        Command::Logout(a) => block_on(cmd::logout::run(&a, g)),
        Command::Config(c) => cmd::config::run(c, g),
        Command::List(a) => block_on(cmd::list::run(a, g)),
        Command::Get(a) => block_on(cmd::get::run(a, g)),
        Command::Create(a) => block_on(cmd::create::run(a, g)),
        Command::Update(a) => block_on(cmd::update::run(a, g)),
        Command::Enable(a) => block_on(cmd::enable::run(a, g, cmd::enable::Want::On)),
        Command::Disable(a) => block_on(cmd::enable::run(a, g, cmd::enable::Want::Off)),
        Command::Toggle(a) => block_on(cmd::enable::run(a, g, cmd::enable::Want::Toggle)),
        Command::Delete(a) => block_on(cmd::delete::run(a, g)),
        Command::Cleanup(a) => block_on(cmd::cleanup::run(a, g)),
        Command::Projects(a) => block_on(cmd::projects::run(a, g)),
        Command::Sandbox(a) => cmd::sandbox::run(a),
        Command::Trigger(a) => block_on(cmd::trigger::run(a, g)),
        Command::Completions(a) => cmd::completions::run(&a),
        Command::Man => cmd::completions::man(),
    }
}

/// Runs an async command on a multi-threaded runtime, built only for commands that need one.
/// Its threads get 8 MiB stacks, as the main thread has (a `--filter` runs on them), and the
/// end waits at most a moment for blocking work still going (a filter that loops).
fn block_on<F: Future<Output = anyhow::Result<()>>>(fut: F) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(8 << 20)
        .build()?;
    let result = runtime.block_on(fut);
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    result
}
