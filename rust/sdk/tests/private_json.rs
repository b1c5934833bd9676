//! The private input example (examples/private_json) through the host API: the document is
//! the private input (`Prover::with_private_input`), the field and threshold the public
//! one; two documents that agree on the committed fact prove the same statement, and the
//! receipt holds neither document. Needs examples/bin/private_json.elf (`make examples`).

use std::path::PathBuf;
use zkvm_sdk::{Input, Prover};

fn elf() -> Vec<u8> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/bin/private_json.elf");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (run `make examples`)", path.display()))
}

fn public(field: &str, threshold: u32) -> Input {
    let mut input = Input::new();
    input.write_slice(field.as_bytes()).write(&threshold);
    input
}

fn document(doc: &str) -> Input {
    let mut input = Input::new();
    input.write_slice(doc.as_bytes());
    input
}

#[test]
fn a_private_document_proves_a_public_fact() {
    let elf = elf();
    let run = |doc: &str, field: &str, threshold: u32| {
        Prover::new(&elf)
            .unwrap()
            .with_input(public(field, threshold))
            .with_private_input(document(doc))
            .execute()
            .unwrap()
            .output::<(String, bool, bool)>()
            .unwrap()
    };
    let doc = r#"{"name": "Grace", "age": 41, "pin": 8831}"#;
    assert_eq!(run(doc, "age", 18), ("age".into(), true, true));
    assert_eq!(run(doc, "age", 42), ("age".into(), true, false));
    assert_eq!(run(doc, "height", 0), ("height".into(), false, false));
    assert_eq!(run(doc, "name", 0), ("name".into(), false, false));

    let prove = |doc: &str| {
        Prover::new(&elf)
            .unwrap()
            .with_input(public("age", 18))
            .with_private_input(document(doc))
            .with_threads(1)
            .prove()
            .unwrap()
    };
    let a = prove(doc);
    let b = prove(r#"{"age": 77, "name": "Alan"}"#);
    a.verify(&elf).unwrap();
    b.verify(&elf).unwrap();
    assert_eq!(a.output_bytes(), b.output_bytes());
    assert_eq!(a.input(), b.input());
    assert_eq!(a.exit_code(), b.exit_code());
    for (receipt, secret) in [
        (&a, r#""Grace""#),
        (&a, r#""pin": 8831"#),
        (&b, r#""Alan""#),
    ] {
        let bytes = receipt.to_bytes();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret}"
        );
    }
}
