//! The LogUp lookup argument: message fingerprints, the auxiliary columns and
//! their constraints, the fixed-table check and the boundary term.
//!
//! A message (tag, c_1, ..., c_k) has the fingerprint
//!   fp = tag + beta c_1 + beta^2 c_2 + ... + beta^k c_k
//! and a LogUp fraction m / (point - fp); sends have m > 0, receives m < 0.
//!
//! Auxiliary trace (extension columns, each committed as its 4 base
//! coefficient columns, coefficient e of column k at base column 4k + e):
//!   [fixed_fp_0 .. fixed_fp_{K-1}, h_0 .. h_{P-1}, phi]
//! with K fixed tables, F fractions per row and P = ceil(F / 2). fixed_fp_k
//! holds the fingerprint of row i of fixed table k at trace row i (0 beyond
//! the table), h_j the sum of fractions 2j and 2j+1 of the row, phi the
//! running sum of all fractions of the rows before. An AIR without fractions
//! and fixed tables has no auxiliary trace.
//!
//! Constraints, appended after the AIR's own (d_i, m_i the row's fractions):
//!   pair j:      h_j d_{2j} d_{2j+1} - (m_{2j} d_{2j+1} + m_{2j+1} d_{2j})
//!                (h_j d_{2j} - m_{2j} for a last pair with one fraction)
//!   first row:   is_first_row  * phi
//!   transition:  is_transition * (phi' - phi - S),  S = sum_j h_j of the row
//!   last row:    is_last_row   * (phi + S - claimed_sum)
//! so claimed_sum is the sum of all fractions of the trace. The verifier
//! checks claimed_sum + boundary = 0 and the fixed columns at zeta.

use crate::air::{BoundaryMessages, FixedTable, Fraction, LookupChallenges, Selectors, TableShape};
use crate::error::VerifyError;
use crate::field;
use crate::field::extension::{self, Ext};
use crate::protocol::domain;

/// The position of the segment number in a local message's fingerprint:
/// past the fields of every message (at most 13, tag included).
pub const SEGMENT_FIELD_POWER: u32 = 16;

/// The LogUp challenges of segment `segment`: `point` and `beta` shared by
/// all segments, and `local_point = point - segment beta^16` for the local
/// fractions (air::LookupChallenges).
pub fn segment_challenges(point: &Ext, beta: &Ext, segment: u32) -> LookupChallenges {
    let mut power = extension::ONE;
    let mut i: u32 = 0;
    while i < SEGMENT_FIELD_POWER {
        power = extension::mul(&power, beta);
        i += 1;
    }
    let shift = extension::mul(
        &extension::from_base(field::from_u32_reduced(segment)),
        &power,
    );
    LookupChallenges {
        point: *point,
        beta: *beta,
        local_point: extension::sub(point, &shift),
    }
}

/// fp = sum_j beta^j fields[j] (Horner from the last field); fields[0] is the tag.
pub fn fingerprint(fields: &[Ext], beta: &Ext) -> Ext {
    let mut acc = extension::ZERO;
    let mut j = fields.len();
    while j > 0 {
        j -= 1;
        acc = extension::add(&extension::mul(&acc, beta), &fields[j]);
    }
    acc
}

/// The same fingerprint for a message of base-field elements.
pub fn fingerprint_base(fields: &[u32], beta: &Ext) -> Ext {
    let mut acc = extension::ZERO;
    let mut j = fields.len();
    while j > 0 {
        j -= 1;
        acc = extension::add(
            &extension::mul(&acc, beta),
            &extension::from_base(fields[j]),
        );
    }
    acc
}

/// The tag of the zero-knowledge blinding messages (ZK_TAG, v): distinct
/// from every machine's tags, so that they balance only among themselves.
pub const ZK_TAG: u32 = 255;

/// The shape the protocol commits for a table: with zero knowledge, the
/// table's columns and then params::ZK_COLUMNS more (the blinding message's
/// multiplicity and value), and one more global fraction per row, after the
/// table's own: multiplicity / (point - fingerprint(ZK_TAG, value)). Global
/// fraction counts (check_global_fractions) stay the table's own: blinding
/// messages never share a fingerprint with the machine's messages.
pub fn zk_shape(shape: &TableShape, zk: bool) -> TableShape {
    let (extra_columns, extra_fractions) = if zk {
        (crate::protocol::params::ZK_COLUMNS, 1)
    } else {
        (0, 0)
    };
    TableShape {
        width: shape.width + extra_columns,
        num_constraints: shape.num_constraints,
        max_constraint_degree: shape.max_constraint_degree,
        num_fractions: shape.num_fractions + extra_fractions,
        num_global_fractions: shape.num_global_fractions,
        num_fixed_tables: shape.num_fixed_tables,
        min_log_height: shape.min_log_height,
        max_log_height: shape.max_log_height,
    }
}

/// The blinding fraction of a row: multiplicity / (point - (ZK_TAG + beta value)).
pub fn zk_fraction(multiplicity: &Ext, value: &Ext, lc: &LookupChallenges) -> Fraction {
    let fp = extension::add(
        &extension::from_base(ZK_TAG),
        &extension::mul(&lc.beta, value),
    );
    Fraction {
        numerator: *multiplicity,
        denominator: extension::sub(&lc.point, &fp),
    }
}

/// Whether the AIR has an auxiliary (LogUp) phase.
pub fn has_aux(shape: &TableShape) -> bool {
    shape.num_fractions > 0 || shape.num_fixed_tables > 0
}

/// P = ceil(F / 2): the number of pair columns h_j.
pub fn num_pair_columns(num_fractions: usize) -> usize {
    num_fractions / 2 + num_fractions % 2
}

/// Number of auxiliary extension columns: K + P + 1, or 0 without an auxiliary phase.
pub fn aux_ext_width(shape: &TableShape) -> usize {
    if !has_aux(shape) {
        return 0;
    }
    shape.num_fixed_tables + num_pair_columns(shape.num_fractions) + 1
}

/// Index of the extension column phi in the auxiliary row.
pub fn phi_column(shape: &TableShape) -> usize {
    shape.num_fixed_tables + num_pair_columns(shape.num_fractions)
}

/// Number of LogUp constraints appended after the AIR's own: P + 3, or 0.
pub fn num_logup_constraints(shape: &TableShape) -> usize {
    if !has_aux(shape) {
        return 0;
    }
    num_pair_columns(shape.num_fractions) + 3
}

/// The degree the quotient must accommodate: the AIR's declared degree, and at
/// least 3 when there is an auxiliary phase (pair constraints h d d).
pub fn constraint_degree(shape: &TableShape) -> u32 {
    if has_aux(shape) && shape.max_constraint_degree < 3 {
        return 3;
    }
    shape.max_constraint_degree
}

/// All inverses with one field inversion (Montgomery's trick).
/// A zero value gives `DegenerateChallenge`.
pub fn batch_inverse(values: &[Ext]) -> Result<Vec<Ext>, VerifyError> {
    let count = values.len();
    let mut prefix: Vec<Ext> = Vec::with_capacity(count);
    let mut acc = extension::ONE;
    let mut i = 0;
    while i < count {
        if extension::is_zero(&values[i]) {
            return Err(VerifyError::DegenerateChallenge);
        }
        acc = extension::mul(&acc, &values[i]);
        prefix.push(acc);
        i += 1;
    }
    let mut out: Vec<Ext> = vec![extension::ZERO; count];
    // Going down from k = count - 1: inv_acc = (v_0 ... v_k)^{-1} on entry of step k.
    let mut inv_acc = extension::inv(&acc);
    let mut k = count;
    while k > 0 {
        k -= 1;
        if k == 0 {
            out[0] = inv_acc;
        } else {
            out[k] = extension::mul(&inv_acc, &prefix[k - 1]);
            inv_acc = extension::mul(&inv_acc, &values[k]);
        }
    }
    Ok(out)
}

/// Extension columns from their base coefficient columns' values:
/// column k = sum_{e<4} X^e values[4k + e].
pub fn ext_columns_from_base(values: &[Ext]) -> Result<Vec<Ext>, VerifyError> {
    let count = values.len() / 4;
    if count * 4 != values.len() {
        return Err(VerifyError::WrongProofShape);
    }
    let mut out: Vec<Ext> = Vec::with_capacity(count);
    let mut k = 0;
    while k < count {
        let mut value = extension::ZERO;
        let mut e = 0;
        while e < 4 {
            value = extension::add(&value, &extension::mul_by_basis(&values[4 * k + e], e));
            e += 1;
        }
        out.push(value);
        k += 1;
    }
    Ok(out)
}

/// The fixed-fingerprint values of an auxiliary row (its first K extension columns).
pub fn fixed_fps_of_row(shape: &TableShape, aux_row: &[Ext]) -> Result<Vec<Ext>, VerifyError> {
    let k_tables = shape.num_fixed_tables;
    if aux_row.len() < k_tables {
        return Err(VerifyError::WrongProofShape);
    }
    let mut out: Vec<Ext> = Vec::with_capacity(k_tables);
    let mut k = 0;
    while k < k_tables {
        out.push(aux_row[k]);
        k += 1;
    }
    Ok(out)
}

/// The LogUp constraints at one point, in the normative order (pairs, then
/// first, transition, last). `aux_local` / `aux_next` are the auxiliary
/// extension columns (aux_ext_width of them), `fractions` the row's fractions.
pub fn logup_constraints(
    shape: &TableShape,
    fractions: &[Fraction],
    aux_local: &[Ext],
    aux_next: &[Ext],
    selectors: &Selectors,
    claimed_sum: &Ext,
) -> Result<Vec<Ext>, VerifyError> {
    let width = aux_ext_width(shape);
    if aux_local.len() != width || aux_next.len() != width || width == 0 {
        return Err(VerifyError::WrongProofShape);
    }
    let num_fractions = shape.num_fractions;
    if fractions.len() != num_fractions {
        return Err(VerifyError::WrongProofShape);
    }
    let k_tables = shape.num_fixed_tables;
    let pairs = num_pair_columns(num_fractions);
    let mut out: Vec<Ext> = Vec::with_capacity(pairs + 3);
    let mut row_sum = extension::ZERO;
    let mut j = 0;
    while j < pairs {
        let h = &aux_local[k_tables + j];
        let a = &fractions[2 * j];
        if 2 * j + 1 < num_fractions {
            let b = &fractions[2 * j + 1];
            let lhs = extension::mul(&extension::mul(h, &a.denominator), &b.denominator);
            let rhs = extension::add(
                &extension::mul(&a.numerator, &b.denominator),
                &extension::mul(&b.numerator, &a.denominator),
            );
            out.push(extension::sub(&lhs, &rhs));
        } else {
            let lhs = extension::mul(h, &a.denominator);
            out.push(extension::sub(&lhs, &a.numerator));
        }
        row_sum = extension::add(&row_sum, h);
        j += 1;
    }
    let phi = &aux_local[k_tables + pairs];
    let phi_next = &aux_next[k_tables + pairs];
    out.push(extension::mul(&selectors.is_first_row, phi));
    let step = extension::sub(&extension::sub(phi_next, phi), &row_sum);
    out.push(extension::mul(&selectors.is_transition, &step));
    let total = extension::sub(&extension::add(phi, &row_sum), claimed_sum);
    out.push(extension::mul(&selectors.is_last_row, &total));
    Ok(out)
}

/// Rejects fixed tables longer than the trace (n = 2^log_n rows).
pub fn check_fixed_table_sizes(tables: &[FixedTable], log_n: u32) -> Result<(), VerifyError> {
    if log_n >= usize::BITS {
        return Err(VerifyError::InvalidTraceLength);
    }
    let n: usize = 1usize << log_n;
    let mut k = 0;
    while k < tables.len() {
        if tables[k].rows.len() > n {
            return Err(VerifyError::FixedTableTooLarge);
        }
        k += 1;
    }
    Ok(())
}

/// For each fixed table, the value at z of the polynomial of degree < n taking
/// fingerprint_base(row_i) at omega_n^i (i < T) and 0 on the other points of H:
///   sum_{i<T} fp_i L_i(z),  L_i(z) = omega^i (z^n - 1) / (n (z - omega^i)),
/// with one batch inversion for all tables.
pub fn fixed_tables_at(
    tables: &[FixedTable],
    beta: &Ext,
    z: &Ext,
    log_n: u32,
) -> Result<Vec<Ext>, VerifyError> {
    match check_fixed_table_sizes(tables, log_n) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let omega = match domain::subgroup_generator(log_n) {
        Ok(w) => w,
        Err(e) => return Err(e),
    };
    let mut max_rows: usize = 0;
    let mut k = 0;
    while k < tables.len() {
        if tables[k].rows.len() > max_rows {
            max_rows = tables[k].rows.len();
        }
        k += 1;
    }
    // omega^i and z - omega^i for i < max_rows.
    let mut omega_powers: Vec<u32> = Vec::with_capacity(max_rows);
    let mut diffs: Vec<Ext> = Vec::with_capacity(max_rows);
    let mut power: u32 = 1;
    let mut i = 0;
    while i < max_rows {
        omega_powers.push(power);
        diffs.push(extension::sub(z, &extension::from_base(power)));
        power = field::mul(power, omega);
        i += 1;
    }
    let inverses = match batch_inverse(&diffs) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    // (z^n - 1) / n with n = 2^log_n (< p: subgroup_generator accepted log_n <= 27).
    let n_base: u32 = field::pow(2, log_n as u64);
    let factor = extension::mul_base(&domain::vanishing_at(z, log_n), field::inv(n_base));
    let mut out: Vec<Ext> = Vec::with_capacity(tables.len());
    let mut t = 0;
    while t < tables.len() {
        let rows = &tables[t].rows;
        let mut acc = extension::ZERO;
        let mut r = 0;
        while r < rows.len() && r < inverses.len() && r < omega_powers.len() {
            let fp = fingerprint_base(&rows[r], beta);
            let weight = extension::mul_base(&inverses[r], omega_powers[r]);
            acc = extension::add(&acc, &extension::mul(&fp, &weight));
            r += 1;
        }
        out.push(extension::mul(&acc, &factor));
        t += 1;
    }
    Ok(out)
}

/// The fixed-table check: the proof's value of each fixed fingerprint column at
/// zeta (`fixed_at_zeta`, the first K auxiliary extension columns) must equal
/// the table's interpolant at zeta.
pub fn check_fixed_tables(
    tables: &[FixedTable],
    fixed_at_zeta: &[Ext],
    beta: &Ext,
    zeta: &Ext,
    log_n: u32,
) -> Result<(), VerifyError> {
    if fixed_at_zeta.len() != tables.len() {
        return Err(VerifyError::WrongProofShape);
    }
    let expected = match fixed_tables_at(tables, beta, zeta, log_n) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let mut k = 0;
    while k < tables.len() && k < expected.len() {
        if expected[k] != fixed_at_zeta[k] {
            return Err(VerifyError::FixedTableMismatch);
        }
        k += 1;
    }
    Ok(())
}

/// boundary = sum_sends 1/(point - fp) - sum_receives 1/(point - fp), one batch
/// inversion; a zero denominator gives `DegenerateChallenge`.
pub fn boundary_sum(
    messages: &BoundaryMessages,
    lc: &LookupChallenges,
) -> Result<Ext, VerifyError> {
    let num_sends = messages.sends.len();
    let total = match num_sends.checked_add(messages.receives.len()) {
        Some(t) => t,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let mut denominators: Vec<Ext> = Vec::with_capacity(total);
    let mut i = 0;
    while i < num_sends {
        let fp = fingerprint_base(&messages.sends[i], &lc.beta);
        denominators.push(extension::sub(&lc.point, &fp));
        i += 1;
    }
    let mut j = 0;
    while j < messages.receives.len() {
        let fp = fingerprint_base(&messages.receives[j], &lc.beta);
        denominators.push(extension::sub(&lc.point, &fp));
        j += 1;
    }
    let inverses = match batch_inverse(&denominators) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let mut sum = extension::ZERO;
    let mut k = 0;
    while k < inverses.len() {
        if k < num_sends {
            sum = extension::add(&sum, &inverses[k]);
        } else {
            sum = extension::sub(&sum, &inverses[k]);
        }
        k += 1;
    }
    Ok(sum)
}

/// The bus balance: claimed_sum + boundary = 0.
pub fn check_bus_balance(
    claimed_sum: &Ext,
    messages: &BoundaryMessages,
    lc: &LookupChallenges,
) -> Result<(), VerifyError> {
    let boundary = match boundary_sum(messages, lc) {
        Ok(b) => b,
        Err(e) => return Err(e),
    };
    if !extension::is_zero(&extension::add(claimed_sum, &boundary)) {
        return Err(VerifyError::LookupSumMismatch);
    }
    Ok(())
}
