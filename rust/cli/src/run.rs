//! `zkvm run`: execute a guest and show what it did. Never writes files.

use crate::error::CliError;
use crate::guest::GuestArgs;
use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub guest: GuestArgs,
    /// Exit with the guest's exit code (its low 8 bits, as a process exit
    /// status and as qemu-riscv32 does) instead of 0, for scripts. Errors of
    /// zkvm itself still exit with 1 or 2, so a guest code of 1 or 2 is then
    /// ambiguous.
    #[arg(long)]
    pub exit_code: bool,
}

/// Runs the guest; returns the process exit status: 0, or with
/// `--exit-code` the guest's exit code modulo 256.
pub fn run(args: &RunArgs) -> Result<u8, CliError> {
    let guest = args.guest.load()?;
    let machine = guest.execute()?;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(machine.output())
        .and_then(|()| stdout.flush())
        .map_err(CliError::WriteOutput)?;
    // Guest debug output (fd 2) first, then the summary, both on stderr so
    // stdout carries exactly the guest's public output.
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(machine.debug_output());
    let _ = writeln!(
        stderr,
        "exit code: {}",
        machine.exit_code().unwrap_or_default()
    );
    let _ = writeln!(stderr, "cycles: {}", machine.cycles());
    Ok(if args.exit_code {
        (machine.exit_code().unwrap_or_default() & 0xff) as u8
    } else {
        0
    })
}
