use std::process::ExitCode;

fn main() -> ExitCode {
    match bluehook::parse() {
        Ok(parsed) => ExitCode::from(bluehook::run(parsed)),
        Err(err) => ExitCode::from(bluehook::usage_error(&err)),
    }
}
