//! The host API: prove a guest's run and check a receipt, in the style of SP1's
//! `ProverClient` and RISC Zero's `Receipt`.
//!
//! ```no_run
//! use zkvm_sdk::{Input, Prover, Receipt};
//!
//! let elf = std::fs::read("guest.elf")?;
//! let mut input = Input::new();
//! input.write(&20u32);
//! let prover = Prover::new(&elf)?.with_input(input);
//! let run = prover.execute()?;                  // output, exit code, cycles
//! let receipt: Receipt = prover.prove()?;       // proved, then verified
//! receipt.verify(&elf)?;                        // anyone holding the ELF
//! let fib: u64 = receipt.output()?;             // the committed value
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::time::Instant;

use serde::Deserialize;
use zkvm_executor::{Machine, Program};
use zkvm_prover::rv32im2::run::{
    prove_run, ProveElfError, RunEvent, DEFAULT_MAX_CYCLES, DEFAULT_SEGMENT_CYCLES,
};
use zkvm_prover::ProverOptions;
use zkvm_verifier::protocol::vk::{vk_digest, VerifyingKey};
use zkvm_verifier::receipt as wire_receipt;

use crate::{receipt_output, Error, Input};

/// A guest program ready to run and prove, with its input and options.
pub struct Prover {
    elf: Vec<u8>,
    program: Program,
    vk: VerifyingKey,
    input: Vec<u8>,
    /// The private input (fd 3): proved, but in no receipt.
    private_input: Vec<u8>,
    threads: Option<usize>,
    segment_cycles: u64,
    zk_seed: Option<[u8; 32]>,
}

/// What a run of the guest did (no proof).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Execution {
    pub exit_code: u32,
    pub cycles: u64,
    /// The public output (fd 1).
    pub output: Vec<u8>,
    /// The guest's fd 2 (not part of any statement).
    pub debug_output: Vec<u8>,
}

impl Execution {
    /// The output decoded as one committed value (see [`receipt_output`]).
    pub fn output<'a, T: Deserialize<'a>>(&'a self) -> Result<T, Error> {
        receipt_output(&self.output)
    }
}

/// The shape of a run's traces, reported once they are built.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceFacts {
    pub cycles: u64,
    /// Segments the run is proved in (one proof each, joined by the bus).
    pub segments: usize,
    /// Number of tables and log2 of the tallest one's rows.
    pub tables: usize,
    pub log_rows: u32,
    /// Base-field cells of the main traces and of the LogUp traces.
    pub main_cells: usize,
    pub aux_cells: usize,
    /// Wall seconds of execution and trace building.
    pub seconds: f64,
}

/// The steps of [`Prover::prove_with`], in order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Progress {
    /// Executing the guest and building the traces.
    Executing,
    /// One segment's traces are built: pass 1 commits every segment, pass 2
    /// proves each (a run of one segment has pass 1 only).
    Segment {
        pass: u32,
        index: usize,
        cycles: u64,
    },
    Executed(TraceFacts),
    /// Proving, with this many threads (None: the default pool).
    Proving {
        threads: Option<usize>,
    },
    Proved {
        proof_bytes: usize,
        seconds: f64,
    },
    /// Checking the new receipt with the verifier.
    Verifying,
    Verified {
        seconds: f64,
    },
}

/// Figures of one proof.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProveStats {
    pub trace: TraceFacts,
    pub prove_seconds: f64,
    pub verify_seconds: f64,
}

impl Prover {
    /// A prover for `elf`: the executor must load it and the verifier derive its key.
    pub fn new(elf: &[u8]) -> Result<Prover, Error> {
        let program = Program::from_elf(elf).map_err(Error::Elf)?;
        let vk = wire_receipt::verifying_key(elf).map_err(Error::Program)?;
        Ok(Prover {
            elf: elf.to_vec(),
            program,
            vk,
            input: Vec::new(),
            private_input: Vec::new(),
            threads: None,
            segment_cycles: DEFAULT_SEGMENT_CYCLES,
            zk_seed: None,
        })
    }

    /// The guest's (public) input, built with [`Input`].
    pub fn with_input(mut self, input: Input) -> Prover {
        self.input = input.into_bytes();
        self
    }

    /// The guest's input as raw bytes (what `io::read_slice`/`read_u32` see).
    pub fn with_input_bytes(mut self, bytes: &[u8]) -> Prover {
        self.input = bytes.to_vec();
        self
    }

    /// The guest's private input, built with [`Input`] (the guest reads it
    /// with `read_private`): the proof shows the run read some private
    /// input, and the receipt holds neither it nor its length.
    pub fn with_private_input(mut self, input: Input) -> Prover {
        self.private_input = input.into_bytes();
        self
    }

    /// The private input as raw bytes (what `io::read_private_slice` sees).
    pub fn with_private_input_bytes(mut self, bytes: &[u8]) -> Prover {
        self.private_input = bytes.to_vec();
        self
    }

    /// Prove in segments of this many cycles (1 to 2^20; default 2^18):
    /// smaller segments use less memory, and a run longer than one segment
    /// is proved twice over (the traces are rebuilt to prove them).
    pub fn with_segment_cycles(mut self, cycles: u64) -> Prover {
        self.segment_cycles = cycles;
        self
    }

    /// Fix the zero-knowledge seed (default: a fresh one from the operating
    /// system for every proof). With a fixed seed the receipt is a function
    /// of the run: for tests that compare receipts, never for private input.
    pub fn with_zk_seed(mut self, seed: [u8; 32]) -> Prover {
        self.zk_seed = Some(seed);
        self
    }

    /// Prove with this many threads (default: rayon's pool, one per core).
    pub fn with_threads(mut self, threads: usize) -> Prover {
        self.threads = Some(threads.max(1));
        self
    }

    /// The verifying key's digest: it names the program and the proof parameters.
    pub fn vk_digest(&self) -> [u8; 32] {
        vk_digest(&self.vk)
    }

    /// Runs the guest without proving (at most as many cycles as one proof holds).
    pub fn execute(&self) -> Result<Execution, Error> {
        let mut machine =
            Machine::with_private_input(&self.program, &self.input, &self.private_input).map_err(
                |e| Error::Run {
                    cycles: 0,
                    error: e,
                },
            )?;
        let exit_code = machine.run(DEFAULT_MAX_CYCLES).map_err(|e| Error::Run {
            cycles: machine.cycles(),
            error: e,
        })?;
        Ok(Execution {
            exit_code,
            cycles: machine.cycles(),
            output: machine.output().to_vec(),
            debug_output: machine.debug_output().to_vec(),
        })
    }

    /// Proves the run and verifies the receipt before returning it.
    pub fn prove(&self) -> Result<Receipt, Error> {
        self.prove_with(|_| {}).map(|(receipt, _)| receipt)
    }

    /// [`Prover::prove`], reporting each step to `progress` as it starts and ends.
    pub fn prove_with(
        &self,
        mut progress: impl FnMut(Progress) + Send,
    ) -> Result<(Receipt, ProveStats), Error> {
        progress(Progress::Executing);
        let options = ProverOptions {
            num_threads: self.threads,
            // The receipt is verified below, which rejects a bad trace.
            check_constraints: false,
            zk_seed: self.zk_seed,
        };
        let mut trace: Option<TraceFacts> = None;
        let started = Instant::now();
        let threads = self.threads;
        let mut on_event = |event: RunEvent| match event {
            RunEvent::Segment {
                pass,
                index,
                cycles,
                ..
            } => progress(Progress::Segment {
                pass,
                index,
                cycles,
            }),
            RunEvent::Executed {
                cycles,
                segments,
                main_cells,
                aux_cells,
                log_rows,
                seconds,
            } => {
                let facts = TraceFacts {
                    cycles,
                    segments,
                    tables: zkvm_verifier::air::tables(&self.vk.air).len(),
                    log_rows,
                    main_cells,
                    aux_cells,
                    seconds,
                };
                trace = Some(facts);
                progress(Progress::Executed(facts));
                progress(Progress::Proving { threads });
            }
        };
        let result = prove_run(
            &self.vk,
            &self.elf,
            &self.input,
            &self.private_input,
            &options,
            self.segment_cycles,
            DEFAULT_MAX_CYCLES,
            &mut on_event,
        );
        let (inner, report) = result.map_err(|e| match e {
            ProveElfError::Trace(t) => Error::Trace(t),
            ProveElfError::Program(v) => Error::Statement(v),
            ProveElfError::Prove(p) => Error::Prove(format!("{p:?}")),
        })?;
        let _ = started;
        let prove_seconds = report.prove_seconds;
        let trace = TraceFacts {
            seconds: report.trace_seconds,
            ..trace.ok_or_else(|| Error::Prove("the run reported no segments".into()))?
        };
        progress(Progress::Proved {
            proof_bytes: inner.proof.len(),
            seconds: prove_seconds,
        });
        let receipt = Receipt { inner };
        progress(Progress::Verifying);
        let started = Instant::now();
        receipt.verify_with_key(&self.vk)?;
        let verify_seconds = started.elapsed().as_secs_f64();
        progress(Progress::Verified {
            seconds: verify_seconds,
        });
        Ok((
            receipt,
            ProveStats {
                trace,
                prove_seconds,
                verify_seconds,
            },
        ))
    }
}

/// A proof that a guest ran on its public input to the exit code and output it
/// states. The claims are only established by [`Receipt::verify`].
pub struct Receipt {
    inner: wire_receipt::Receipt,
}

impl Clone for Receipt {
    fn clone(&self) -> Receipt {
        let r = &self.inner;
        Receipt {
            inner: wire_receipt::Receipt {
                exit_code: r.exit_code,
                cycles: r.cycles,
                input_consumed: r.input_consumed,
                input: r.input.clone(),
                output: r.output.clone(),
                proof: r.proof.clone(),
            },
        }
    }
}

impl std::fmt::Debug for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receipt")
            .field("exit_code", &self.inner.exit_code)
            .field("cycles", &self.inner.cycles)
            .field("input_len", &self.inner.input.len())
            .field("output_len", &self.inner.output.len())
            .field("proof_len", &self.inner.proof.len())
            .finish()
    }
}

impl Receipt {
    /// Decodes a receipt file (`zkvm prove`'s output); does not verify it.
    pub fn from_bytes(bytes: &[u8]) -> Result<Receipt, Error> {
        wire_receipt::decode_receipt(bytes)
            .map(|inner| Receipt { inner })
            .map_err(Error::Verify)
    }

    /// The receipt file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        wire_receipt::encode_receipt(&self.inner)
    }

    /// Verifies the receipt against the program `elf`.
    pub fn verify(&self, elf: &[u8]) -> Result<(), Error> {
        let vk = wire_receipt::verifying_key(elf).map_err(Error::Program)?;
        self.verify_with_key(&vk)
    }

    /// Verifies the receipt against a verifying key.
    pub fn verify_with_key(&self, vk: &VerifyingKey) -> Result<(), Error> {
        wire_receipt::verify_receipt(vk, &self.to_bytes())
            .map(|_| ())
            .map_err(Error::Verify)
    }

    pub fn exit_code(&self) -> u32 {
        self.inner.exit_code
    }

    pub fn cycles(&self) -> u64 {
        self.inner.cycles
    }

    /// The public input and how much of it the guest read.
    pub fn input(&self) -> &[u8] {
        &self.inner.input
    }

    pub fn input_consumed(&self) -> u32 {
        self.inner.input_consumed
    }

    /// The public output's bytes.
    pub fn output_bytes(&self) -> &[u8] {
        &self.inner.output
    }

    /// The output decoded as the one value the guest committed.
    pub fn output<'a, T: Deserialize<'a>>(&'a self) -> Result<T, Error> {
        receipt_output(&self.inner.output)
    }

    /// The proof's size in bytes.
    pub fn proof_len(&self) -> usize {
        self.inner.proof.len()
    }
}
