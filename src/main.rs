use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = roi::cli::parse();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = roi::run(&cli, &mut out).and_then(|outcome| match out.flush() {
        // The reader closed the pipe (`roi check | head`): the verdict still stands.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(outcome),
        flushed => flushed.map(|()| outcome).map_err(Into::into),
    });
    match result {
        Ok(roi::Outcome::Success) => ExitCode::SUCCESS,
        Ok(roi::Outcome::GoalFailed) => ExitCode::from(1),
        // A closed pipe (`roi report | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            drop(out);
            // A closed stderr loses the message, not the exit code.
            let _ = writeln!(std::io::stderr(), "{}: {e:#}", roi::say!("error.prefix"));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
