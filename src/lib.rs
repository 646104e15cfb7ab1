//! bluehook: manage, send, receive and verify Blue (blue.cc) webhooks.
//!
//! `main.rs` parses the command line and calls [`run`], which prints any error and returns
//! the exit code; every command lives in `cmd/`.

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

/// A parsed command line, with which of its values came from environment variables.
pub struct Parsed {
    pub cli: Cli,
    pub from_env: config::FromEnv,
}

/// Parses the process's arguments against [`command`].
pub fn parse() -> Result<Parsed, clap::Error> {
    parse_from(std::env::args_os())
}

/// Parses these arguments (the program's name first) against [`command`].
pub fn parse_from<I, T>(args: I) -> Result<Parsed, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::FromArgMatches;
    let mut command = command();
    let matches = command.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))?;
    Ok(Parsed { cli, from_env: env_sources(&command, &matches) })
}

/// The environment variables whose values the parser took, in the command that runs (the
/// innermost subcommand, whose matches hold the global flags too).
fn env_sources(command: &clap::Command, matches: &clap::ArgMatches) -> config::FromEnv {
    let (mut command, mut matches) = (command, matches);
    while let Some((name, sub)) = matches.subcommand() {
        let Some(c) = command.find_subcommand(name) else { break };
        (command, matches) = (c, sub);
    }
    let from_env = command.get_arguments().filter(|arg| {
        matches.value_source(arg.get_id().as_str()) == Some(clap::parser::ValueSource::EnvVariable)
    });
    config::FromEnv::new(
        from_env.filter_map(|arg| arg.get_env()).map(|e| e.to_string_lossy().into_owned()),
    )
}

/// Prints a command-line parsing error (or the help or version it stands for); the exit code.
pub fn usage_error(err: &clap::Error) -> u8 {
    cmd::print_usage_error(err)
}

/// Runs one parsed command line; prints its error, if any, and returns the exit code.
pub fn run(parsed: Parsed) -> u8 {
    let Parsed { cli, from_env } = parsed;
    term::output::init_color(cmd::color(cli.global.color));
    let cx = cmd::Context::new(&cli.global, from_env);
    match dispatch(cli.command, &cx) {
        Ok(()) => error::Exit::Success.code(),
        Err(err) => cx.console.error(&err),
    }
}

fn dispatch(command: Command, g: &cmd::Context) -> anyhow::Result<()> {
    match command {
        Command::Events(a) => cmd::events::run(&a),
        Command::SendSample(a) => block_on(cmd::send_sample::run(a, g)),
        Command::Listen(a) => block_on(cmd::listen::run(*a, g)),
        Command::Replay(a) => block_on(cmd::replay::run(a, g)),
        Command::Inspect(a) => block_on(cmd::inspect::run(a, g)),
        Command::Check(a) => block_on(cmd::check::run(a, g)),
        Command::Sign(a) => cmd::sign::run(&a, g),
        Command::Verify(a) => cmd::verify::run(&a, g),
        Command::Demo(a) => block_on(cmd::demo::run(a, g)),
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
        Command::Sandbox(a) => cmd::sandbox::run(a, g),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the environment holds, a value given as a flag is the flag's.
    #[test]
    fn flags_are_never_said_to_come_from_the_environment() {
        let args = ["bluehook", "--profile", "p", "config", "show", "--org", "o"];
        let flags = ["--token-id", "i", "--token-secret", "s", "--api-url", "http://u/"];
        let parsed = parse_from(args.into_iter().chain(flags)).unwrap();
        for name in ["BLUEHOOK_PROFILE", "BLUE_ORG_ID", "BLUE_TOKEN_ID", "BLUE_TOKEN_SECRET"] {
            assert!(!parsed.from_env.contains(name), "{name}");
        }
        assert!(!parsed.from_env.contains("BLUE_API_URL"));
    }
}
