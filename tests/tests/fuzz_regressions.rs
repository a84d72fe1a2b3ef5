//! Inputs the fuzzer (fuzz/) once broke hotc with, kept as regressions.
//!
//! Each file in tests/fuzz-regressions/ goes through the whole front end and
//! the structure checks; no panic, and every span of every diagnostic lies
//! inside the text on char boundaries (so every report can show it).

use hotc_tests::workspace_root;

#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = workspace_root().join("tests/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    for file in files {
        let bytes = std::fs::read(&file).expect("readable");
        let src = String::from_utf8_lossy(&bytes);
        let checked = hotc_compiler::check_source(&src);
        for d in &checked.diagnostics {
            let spans = std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span));
            for span in spans {
                assert!(
                    span.start() <= span.end()
                        && span.end() <= src.len()
                        && src.is_char_boundary(span.start())
                        && src.is_char_boundary(span.end()),
                    "{}: {} has span {span:?} outside the text or inside a character",
                    file.display(),
                    d.code
                );
            }
        }
    }
}
