use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match bluehook::parse() {
        Ok(cli) => cli,
        Err(err) => return ExitCode::from(bluehook::usage_error(&err)),
    };
    match bluehook::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => ExitCode::from(bluehook::term::output::print_error(&err)),
    }
}
