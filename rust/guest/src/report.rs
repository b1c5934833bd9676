//! Messages on fd 2 for panics and failed typed reads, written without `core::fmt` (which
//! would add about 10 KiB of code to every guest) unless the `panic-fmt` feature asks for
//! formatted panic messages.
//!
//! A message is one line, `guest panicked at <file>:<line>:<column>: <message>`, written
//! with one `write` syscall (the zkVM executor collects fd 2 as debug output, which is
//! not part of a receipt; `zkvm run` prints it on stderr, qemu writes it to stderr); then
//! the guest exits with [`crate::EXIT_PANIC`].

use core::panic::Location;
use zkvm_wire::WireError;

/// A line being assembled; longer lines are cut at [`Line::CAP`] bytes.
pub(crate) struct Line {
    buf: [u8; Line::CAP],
    len: usize,
}

impl Line {
    pub(crate) const CAP: usize = 512;

    pub(crate) const fn new() -> Self {
        Line {
            buf: [0; Line::CAP],
            len: 0,
        }
    }

    // Nothing here may panic (the panic handler uses it): slices are taken with `get`.
    pub(crate) fn push(&mut self, s: &[u8]) {
        let n = core::cmp::min(s.len(), Line::CAP.saturating_sub(self.len));
        if let (Some(dst), Some(src)) = (self.buf.get_mut(self.len..self.len + n), s.get(..n)) {
            dst.copy_from_slice(src);
            self.len += n;
        }
    }

    pub(crate) fn push_dec(&mut self, mut x: usize) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        while i > 0 {
            i -= 1;
            if let Some(d) = digits.get_mut(i) {
                *d = b'0' + (x % 10) as u8;
            }
            x /= 10;
            if x == 0 {
                break;
            }
        }
        if let Some(ds) = digits.get(i..) {
            self.push(ds);
        }
    }

    pub(crate) fn push_location(&mut self, loc: &Location<'_>) {
        self.push(b"guest panicked at ");
        self.push(loc.file().as_bytes());
        self.push(b":");
        self.push_dec(loc.line() as usize);
        self.push(b":");
        self.push_dec(loc.column() as usize);
        self.push(b": ");
    }

    pub(crate) fn push_wire_error(&mut self, e: &WireError) {
        self.push(e.as_str().as_bytes());
        match *e {
            WireError::Encode(why) | WireError::Decode(why) => {
                self.push(b" (");
                self.push(why.as_bytes());
                self.push(b")");
            }
            WireError::Truncated { needed, available } => {
                self.push(b" (");
                self.push_dec(needed);
                self.push(b" bytes needed, ");
                self.push_dec(available);
                self.push(b" available)");
            }
            WireError::LengthMismatch { expected, found } => {
                self.push(b" (");
                self.push_dec(found);
                self.push(b" bytes, expected ");
                self.push_dec(expected);
                self.push(b")");
            }
            WireError::TrailingBytes { unused } => {
                self.push(b" (");
                self.push_dec(unused);
                self.push(b" bytes unused)");
            }
            WireError::TooLarge { len } => {
                self.push(b" (");
                self.push_dec(len);
                self.push(b" bytes)");
            }
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// Write the line and a newline to fd 2 (errors ignored: nothing more can be done).
    pub(crate) fn emit(&mut self) {
        if self.len == Line::CAP {
            if let Some(last) = self.buf.last_mut() {
                *last = b'\n';
            }
        } else {
            self.push(b"\n");
        }
        let _ = crate::syscall::sys_write(crate::syscall::FD_STDERR, self.as_bytes());
    }
}

/// Stop the guest because of a failed typed read or commit: message on fd 2 naming the
/// caller's location and `what`, exit code [`crate::EXIT_PANIC`].
#[track_caller]
pub(crate) fn fail(what: &'static str, e: WireError) -> ! {
    let mut line = Line::new();
    line.push_location(Location::caller());
    line.push(what.as_bytes());
    line.push(b": ");
    line.push_wire_error(&e);
    line.emit();
    crate::syscall::exit(crate::EXIT_PANIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_formatted_without_fmt() {
        let loc = Location::caller();
        let mut line = Line::new();
        line.push_location(loc);
        let text = core::str::from_utf8(line.as_bytes()).unwrap();
        let want = alloc::format!(
            "guest panicked at {}:{}:{}: ",
            file!(),
            line!() - 7,
            loc.column()
        );
        assert_eq!(text, want);

        let mut line = Line::new();
        line.push_dec(0);
        line.push(b" ");
        line.push_dec(usize::MAX);
        assert_eq!(
            line.as_bytes(),
            alloc::format!("0 {}", usize::MAX).as_bytes()
        );

        for e in [
            WireError::Truncated {
                needed: 12,
                available: 3,
            },
            WireError::LengthMismatch {
                expected: 32,
                found: 31,
            },
            WireError::TrailingBytes { unused: 2 },
            WireError::Decode("a malformed varint"),
            WireError::TooLarge { len: 5 },
        ] {
            let mut line = Line::new();
            line.push_wire_error(&e);
            // The same text as the host's (core::fmt) Display.
            assert_eq!(line.as_bytes(), alloc::format!("{e}").as_bytes());
        }

        let mut line = Line::new();
        line.push(&[b'x'; 600]);
        assert_eq!(line.as_bytes().len(), Line::CAP);
    }
}
