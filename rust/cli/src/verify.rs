//! `zkvm verify` (check a receipt against an ELF, optionally against the
//! expected input and output) and `zkvm vk` (the verifying key digest).

use crate::error::CliError;
use crate::progress::{format_seconds, hex};
use crate::prove::read_file;
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;
use zkvm_verifier::commit::hash::sha3_256;
use zkvm_verifier::protocol::vk::vk_digest;
use zkvm_verifier::receipt;

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The guest program the receipt claims to be a run of.
    #[arg(long, value_name = "FILE")]
    pub elf: PathBuf,
    /// The receipt written by `zkvm prove`.
    #[arg(long, value_name = "FILE")]
    pub proof: PathBuf,
    /// Also check that the receipt's input is exactly this file's bytes.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Also check that the receipt's output is exactly this file's bytes.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct VkArgs {
    /// Guest program (static RV32IM ELF executable).
    #[arg(long, value_name = "FILE")]
    pub elf: PathBuf,
}

/// At most this many bytes of output are shown (as text or hex).
const SHOWN_BYTES: usize = 256;

/// The output as text if it is printable UTF-8, else as hex; truncated.
fn show_bytes(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(SHOWN_BYTES)];
    let more = bytes.len() - shown.len();
    let suffix = if more > 0 {
        format!(" ... ({more} more bytes)")
    } else {
        String::new()
    };
    if bytes.is_empty() {
        return "(empty)".into();
    }
    // Cutting may split a UTF-8 sequence: accept an incomplete tail.
    let text = match std::str::from_utf8(shown) {
        Ok(t) => Some(t),
        Err(e) if more > 0 && e.error_len().is_none() => {
            std::str::from_utf8(&shown[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    };
    match text {
        Some(t) if t.chars().all(|c| !c.is_control() || c == '\n' || c == '\t') => {
            format!("text {:?}{suffix}", t)
        }
        _ => format!("hex {}{suffix}", hex(shown)),
    }
}

fn digest_line(bytes: &[u8]) -> String {
    format!("{} bytes, sha3-256 {}", bytes.len(), hex(&sha3_256(bytes)))
}

pub fn verify(args: &VerifyArgs) -> Result<(), CliError> {
    let elf = read_file("ELF file", &args.elf)?;
    let receipt_bytes = read_file("receipt file", &args.proof)?;
    let expected_input = match &args.input {
        Some(p) => Some(read_file("input file", p)?),
        None => None,
    };
    let expected_output = match &args.output {
        Some(p) => Some(read_file("expected output file", p)?),
        None => None,
    };
    let started = Instant::now();
    let vk = receipt::verifying_key(&elf).map_err(|error| CliError::Program {
        path: args.elf.clone(),
        error,
    })?;
    let run = receipt::verify_receipt(&vk, &receipt_bytes).map_err(|error| CliError::Verify {
        path: args.proof.clone(),
        error,
    })?;
    let elapsed = started.elapsed();
    let check = |what: &str,
                 flag: &str,
                 claimed: &[u8],
                 expected: &Option<Vec<u8>>,
                 path: &Option<PathBuf>| {
        match (expected, path) {
            (Some(bytes), Some(path)) if bytes.as_slice() != claimed => {
                Err(CliError::Mismatch(format!(
                    "the receipt is valid but its {what} ({}) differs from {flag} `{}` ({})",
                    digest_line(claimed),
                    path.display(),
                    digest_line(bytes)
                )))
            }
            _ => Ok(()),
        }
    };
    check("input", "--input", &run.input, &expected_input, &args.input)?;
    check(
        "output",
        "--output",
        &run.output,
        &expected_output,
        &args.output,
    )?;

    println!("receipt verified: {}", args.proof.display());
    println!("  program:     {}", args.elf.display());
    println!("  vk digest:   {}", hex(&vk_digest(&vk)));
    println!("  exit code:   {}", run.exit_code);
    println!("  cycles:      {}", run.cycles);
    println!(
        "  input:       {} ({} read by the program){}",
        digest_line(&run.input),
        run.input_consumed,
        if args.input.is_some() {
            ", matches --input"
        } else {
            ""
        }
    );
    println!(
        "  output:      {}{}",
        digest_line(&run.output),
        if args.output.is_some() {
            ", matches --output"
        } else {
            ""
        }
    );
    println!("               {}", show_bytes(&run.output));
    println!("  verify time: {}", format_seconds(elapsed.as_secs_f64()));
    Ok(())
}

pub fn vk(args: &VkArgs) -> Result<(), CliError> {
    let elf = read_file("ELF file", &args.elf)?;
    let vk = receipt::verifying_key(&elf).map_err(|error| CliError::Program {
        path: args.elf.clone(),
        error,
    })?;
    println!("{}", hex(&vk_digest(&vk)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::show_bytes;

    #[test]
    fn output_is_shown_as_text_or_hex_and_truncated() {
        assert_eq!(show_bytes(b""), "(empty)");
        assert_eq!(show_bytes(b"hi\n"), "text \"hi\\n\"");
        assert_eq!(show_bytes(&[0, 1, 255]), "hex 0001ff");
        let long = vec![b'a'; 300];
        assert!(show_bytes(&long).ends_with("... (44 more bytes)"));
        // A multi-byte character cut at the limit is still text.
        let mut cut = vec![b'a'; 255];
        cut.extend_from_slice("é".as_bytes());
        assert!(
            show_bytes(&cut).starts_with("text "),
            "{}",
            show_bytes(&cut)
        );
    }
}
