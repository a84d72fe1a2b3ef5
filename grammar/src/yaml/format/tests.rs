//! Tests of the YAML formatter: small before/after cases for each layout
//! rule, the refusals, and a generated-input test of the guarantee (same
//! values, same comments, formatting twice changes nothing).
#![expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use super::{FormatError, Unsupported, first_difference, format};
use crate::value::build;
use crate::{Flavor, parse};

/// Formats `input`, expects `expected`, and expects `expected` to be
/// canonical already (formatting is idempotent).
#[track_caller]
fn check(input: &str, expected: &str) {
    let out = match format(input) {
        Ok(out) => out,
        Err(e) => panic!("not formatted: {e:?}\n--- input:\n{input}"),
    };
    assert_eq!(out, expected, "\n--- input:\n{input}\n--- got:\n{out}");
    assert_eq!(
        format(&out),
        Ok(out.clone()),
        "formatting twice changes the text"
    );
}

/// The guarantee, for any input: refused, or same values and comments and
/// idempotent.
#[track_caller]
fn holds(input: &str) {
    let Ok(out) = format(input) else {
        return;
    };
    let a = parse(input);
    let b = parse(&out);
    assert!(
        b.errors.iter().all(|e| e.kind.is_warning()),
        "output does not parse\n--- input:\n{input}\n--- output:\n{out}"
    );
    assert_eq!(a.stream.documents.len(), b.stream.documents.len());
    for (x, y) in a.stream.documents.iter().zip(&b.stream.documents) {
        let (vx, _) = build(x, Flavor::Yaml);
        let (vy, _) = build(y, Flavor::Yaml);
        assert_eq!(vx.to_json_pretty(), vy.to_json_pretty());
        assert_eq!(first_difference(&vx, &vy), None);
    }
    let texts = |src: &str, p: &crate::Parsed| -> Vec<String> {
        p.stream
            .comments
            .iter()
            .map(|c| c.text(src).trim_end().to_owned())
            .collect()
    };
    assert_eq!(texts(input, &a), texts(&out, &b));
    assert_eq!(
        format(&out),
        Ok(out.clone()),
        "not idempotent\n--- input:\n{input}\n--- once:\n{out}"
    );
}

#[test]
fn nested_mappings_indent_by_two() {
    check(
        "a:\n    b:\n         c: 1\n    d:   2\n",
        "a:\n  b:\n    c: 1\n  d: 2\n",
    );
}

#[test]
fn sequences_indent_under_their_key() {
    check(
        "list:\n- a\n-   b\nnested:\n    - - x\n      - y\n    -    k: 1\n         l: 2\n",
        "list:\n  - a\n  - b\nnested:\n  - - x\n    - y\n  - k: 1\n    l: 2\n",
    );
}

#[test]
fn empty_values_and_items() {
    check("a:\nb:   \nc:\n  -\n  - \n", "a:\nb:\nc:\n  -\n  -\n");
}

#[test]
fn flow_collections_on_one_line() {
    check(
        "a: {  x: 1 ,y:   [ 1,2 ,3 ] }\nb: [ ]\nc: {}\nd: [a: 1, {k: v}]\n",
        "a: {x: 1, y: [1, 2, 3]}\nb: []\nc: {}\nd: [a: 1, {k: v}]\n",
    );
    check("a: [\n  one,\n  two\n]\n", "a: [one, two]\n");
}

#[test]
fn long_flow_collections_take_one_entry_per_line() {
    check(
        "key: [aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeeeeeeee, ffffffffff, gggggggggg]\n",
        "key: [\n  aaaaaaaaaa,\n  bbbbbbbbbb,\n  cccccccccc,\n  dddddddddd,\n  eeeeeeeeee,\n  ffffffffff,\n  gggggggggg\n]\n",
    );
    check(
        "- {name: aaaaaaaaaaaaaaaaaaaa, value: bbbbbbbbbbbbbbbbbbbbbbbbbbbb, more: [c, d, eeeeeeeeeeeeeeeeeeeee]}\n",
        "- {\n    name: aaaaaaaaaaaaaaaaaaaa,\n    value: bbbbbbbbbbbbbbbbbbbbbbbbbbbb,\n    more: [c, d, eeeeeeeeeeeeeeeeeeeee]\n  }\n",
    );
}

#[test]
fn flow_collections_with_comments_stay_multi_line() {
    check(
        "ports: [ 80,   # http\n   443 ,\n\n  # admin\n     8080 ]\n",
        "ports: [\n  80, # http\n  443,\n\n  # admin\n  8080\n]\n",
    );
    check(
        "m: { a: 1, # one\n  b: {c: 2} }\n",
        "m: {\n  a: 1, # one\n  b: {c: 2}\n}\n",
    );
}

#[test]
fn comments_keep_their_entries() {
    check(
        "# head\na:   1    # one\n      # about b\nb:\n        # about c\n    c: 2\n    # end of b\n# about d\nd: [x]  # last\n",
        "# head\na: 1 # one\n# about b\nb:\n  # about c\n  c: 2\n  # end of b\n# about d\nd: [x] # last\n",
    );
}

#[test]
fn comments_after_indicators() {
    let canonical = "a: # why\n  b: 1\nc: # note\n  value\nd:\n  # before\n  value\n";
    check(canonical, canonical);
    check("-    # c\n    x: 1\n    y: 2\n", "- # c\n  x: 1\n  y: 2\n");
}

#[test]
fn blank_lines_collapse_and_trailing_space_goes() {
    check(
        "\n\n\na: 1   \n\n\n\nb:\n\n  c: 2\n\n\n",
        "a: 1\n\nb:\n  c: 2\n",
    );
    check("a: 1", "a: 1\n");
}

#[test]
fn document_markers_are_kept() {
    check("%YAML 1.1\n---\na: 1\n...\n", "%YAML 1.1\n---\na: 1\n...\n");
    check("--- \n  a:   1\n", "---\na: 1\n");
    check("--- text\n", "--- text\n");
    check("---\n---\n", "---\n---\n");
}

#[test]
fn multi_line_scalars_keep_their_lines() {
    check(
        "a:\n    b: first\n       second\n\n         third\n",
        "a:\n  b: first\n    second\n\n    third\n",
    );
    check(
        "k: \"one \\\n        two\\   \n   three\"\n",
        "k: \"one \\\n  two\\ \n  three\"\n",
    );
    check("- 'it''s   \n        folded'\n", "- 'it''s\n  folded'\n");
}

#[test]
fn block_scalars_are_re_indented() {
    check(
        "a:\n      script: |\n          #!/bin/sh\n            echo hi   \n\n          exit 0\n      b: 1\n",
        "a:\n  script: |\n    #!/bin/sh\n      echo hi   \n\n    exit 0\n  b: 1\n",
    );
    check(
        "a:\n    b: >-  # folded\n       one\n       two\n",
        "a:\n  b: >- # folded\n    one\n    two\n",
    );
}

#[test]
fn block_scalar_indentation_indicators_keep_content() {
    // With `|2`, the content starts two columns past the mapping's column;
    // the extra spaces of the first line are content.
    check(
        "a:\n    b: |2\n          indented\n        text\n",
        "a:\n  b: |2\n        indented\n      text\n",
    );
    check("- |1\n   x\n", "- |1\n   x\n");
}

#[test]
fn keep_chomping_keeps_trailing_lines() {
    check("a: |+\n    text\n\n\nb: 1\n", "a: |+\n  text\n\n\nb: 1\n");
    check("a: |+\n    text\n\n", "a: |+\n  text\n\n");
}

#[test]
fn a_block_scalar_without_final_newline_stays_so() {
    // Adding the newline would add "\n" to the value.
    check("a: |\n    text", "a: |\n  text");
    check("a: |-\n    text", "a: |-\n  text\n");
}

#[test]
fn anchors_aliases_and_tags() {
    check(
        "base: &b\n    x: 1\nother: *b\nmerged:\n    <<:   *b\n    s: !!str   123\nt: &t !!str\nlist: &l\n- 1\n",
        "base: &b\n  x: 1\nother: *b\nmerged:\n  <<: *b\n  s: !!str 123\nt: &t !!str\nlist: &l\n  - 1\n",
    );
}

#[test]
fn alias_keys_keep_a_space_before_the_colon() {
    check(
        "a: &k key\n*k: v\nb: {*k: 1}\n",
        "a: &k key\n*k : v\nb: {*k : 1}\n",
    );
    // A tag with no content needs a space before a closing bracket.
    check(
        "a: {!!str }\nb: [!, &x ]\nc: {k: !!str , d}\n",
        "a: {!!str }\nb: [!, &x]\nc: {k: !!str, d}\n",
    );
    // A flow key with no `:` is a plain node and may span lines.
    check(
        "a: { get_resource:...\n internalVL1 }\n",
        "a: {\n  get_resource:...\n    internalVL1\n}\n",
    );
    // A tag with no content would take a `:` right after it into its name.
    let canonical = "!!null : a\n&x : b\n{!!str : c}: d\n";
    check(canonical, canonical);
}

#[test]
fn roots_of_every_kind() {
    check("", "");
    check("# only a comment   \n\n", "# only a comment\n");
    check("just   text\n", "just   text\n");
    check(
        "- a\n-   b:   1\n    c: [x,{d: e}]\n",
        "- a\n- b: 1\n  c: [x, {d: e}]\n",
    );
    check("\u{feff}a:    1\n", "\u{feff}a: 1\n");
    check("a: 1\n---\nb:   2\n", "a: 1\n---\nb: 2\n");
    check("--- !!map\na: 1\n", "--- !!map\na: 1\n");
    check("--- |\n   text\n", "--- |\n  text\n");
}

#[test]
fn corners_keep_the_guarantee() {
    for src in [
        "a: 0755\nb: 0o17\nc: 1:30\nd: ~\ne:\nf: 2001-12-14\n",
        "base: &b {x: 1, y: 2}\nm:\n  <<: [*b, {z: 3}]\n  w: 0\n",
        "? |\n  block key\n: 2\n? - a\n  - b\n: 3\n? x: 1\n  y: 2\n:   z: 3\n",
        "a: !!str\nb: ! 12\nc: !<tag:yaml.org,2002:str> x\nd: &a !!int '1'\n",
        "%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n",
        "a: {=: 1, b: 2}\n=: 3\n",
        "k: \"\\x41 \\u263A \\N \\_ \\t \\\" \\/\"\n",
        "a: [one\n  two, three]\nb: {x: 1, # c\n  y: 2}\n",
        "a:\n- b\n- c:\n  - d\n# end\n",
        "a: &x [1, *x]\n",
        "a: >+\n  x\n\n\n",
        "a:\n  - |2-\n     x\n    y\n  - >2\n\n     z\n",
        "? a\n? b\n: \n",
        "[a: 1, ? b, ? : c, {? d}, {e}, {f: }]\n",
        "a: 1\n...\n...\n---\nb: 2\n...\n",
        "a:   # c1\n  # c2\n\n  # c3\n  b: 1   # c4\n      # c5\n  # c6\n# c7\n",
        "- # c\n  - x\n- &a\n  k: v\n- !!map\n  k: v\n- - - deep\n",
        "a: 'x\n\n  y'\nb: \"p\n\n\n  q\"\n",
    ] {
        holds(src);
        assert!(format(src).is_ok(), "refused: {src}\n{:?}", format(src));
    }
}

#[test]
fn explicit_keys_are_kept() {
    check("? a\n: 1\n?   b\n:     - x\n", "? a\n: 1\n? b\n: - x\n");
}

#[test]
fn crlf_files_stay_crlf() {
    check("a:\r\n    b: 1\r\n", "a:\r\n  b: 1\r\n");
}

#[test]
fn canonical_text_is_unchanged() {
    let canonical = "heat_template_version: 2018-08-31\n\
        description: >\n  A template.\n\
        parameters:\n  name:\n    type: string\n    default: [a, b]\n\n\
        resources:\n  # The server.\n  server:\n    type: OS::Nova::Server\n\
        \x20   properties:\n      networks:\n        - network: {get_param: net}\n";
    check(canonical, canonical);
}

/// The before/after examples of docs/fmt.md.
#[test]
fn documented_examples() {
    check(
        "resources:\n    server:\n        properties:\n            networks:\n            - network: private\n              fixed_ip: 10.0.0.5\n",
        "resources:\n  server:\n    properties:\n      networks:\n        - network: private\n          fixed_ip: 10.0.0.5\n",
    );
    check(
        "ports: [ 80,   # http\n   443 ]\nrules: [{protocol: tcp, port_range_min: 22, port_range_max: 22}, {protocol: icmp}]\n",
        "ports: [\n  80, # http\n  443\n]\nrules: [\n  {protocol: tcp, port_range_min: 22, port_range_max: 22},\n  {protocol: icmp}\n]\n",
    );
    check(
        "a:\n      script: |\n          #!/bin/sh\n            echo hi\n      indented: |2\n          two extra spaces\n        text\n",
        "a:\n  script: |\n    #!/bin/sh\n      echo hi\n  indented: |2\n      two extra spaces\n    text\n",
    );
    check(
        "parameters:\n      # the flavor\n    flavor:   m1.small    # default\n        # end of parameters\nresources: {}\n",
        "parameters:\n  # the flavor\n  flavor: m1.small # default\n  # end of parameters\nresources: {}\n",
    );
}

#[test]
fn refusals() {
    assert_eq!(format("{\"a\": 1}\n"), Err(FormatError::Json));
    assert!(matches!(format("a: [1\n"), Err(FormatError::Syntax(_))));
    assert!(matches!(
        format("a:\n\tb: 1\n"),
        Err(FormatError::Syntax(_))
    ));
    assert!(matches!(
        format("a: \"x\u{2028}y\"\n"),
        Err(FormatError::Unsupported {
            what: Unsupported::LineBreak,
            ..
        })
    ));
    // A duplicate key is a warning: the file is formatted.
    check("a: 1\na:   2\n", "a: 1\na: 2\n");
    // Invalid JSON read as YAML stays YAML: output that would be JSON is
    // refused, since Heat would read it by JSON's rules.
    assert_eq!(
        format("{\"a\": 1,}"),
        Err(FormatError::Unsupported {
            what: Unsupported::BecomesJson,
            span: crate::Span::new(0, 9)
        })
    );
}

/// A tiny deterministic generator of YAML-ish text: nested blocks at
/// random indentation, flow collections, scalars of every style, comments
/// and blank lines. Most outputs parse; for those, the guarantee must hold.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap()).unwrap()
    }

    fn scalar(&mut self, out: &mut String, indent: usize) {
        let pad = " ".repeat(indent + 1 + self.pick(4));
        match self.pick(10) {
            0 => out.push_str("plain words"),
            1 => out.push_str(&format!("first line\n{pad}second line")),
            2 => out.push_str("'single ''quoted'''"),
            3 => out.push_str(&format!("\"double\\t\n{pad}  quoted \\\n{pad}end\"")),
            4 => out.push_str(&format!("|\n{pad}literal\n{pad}  more\n")),
            5 => out.push_str(&format!(">-\n{pad}folded\n\n{pad}text\n")),
            6 => out.push_str("&anchor 42"),
            7 => out.push_str("!!str 0755"),
            8 => out.push_str("*anchor"),
            _ => out.push_str("yes"),
        }
    }

    fn flow(&mut self, out: &mut String, depth: usize) {
        if self.pick(2) == 0 {
            out.push('[');
            for i in 0..self.pick(4) {
                if i > 0 {
                    out.push_str(if self.pick(3) == 0 { " ,\n  " } else { ", " });
                }
                if depth < 2 && self.pick(3) == 0 {
                    self.flow(out, depth + 1);
                } else if self.pick(5) == 0 {
                    out.push_str("k: v");
                } else {
                    out.push_str(["x", "'q'", "\"d\"", "1.5", "*anchor"][self.pick(5)]);
                }
                if self.pick(6) == 0 {
                    out.push_str(" # in flow\n");
                }
            }
            out.push(']');
        } else {
            out.push_str("{ ");
            for i in 0..self.pick(4) {
                if i > 0 {
                    out.push_str(",  ");
                }
                out.push_str(&format!("k{i}"));
                match self.pick(4) {
                    0 => {}
                    1 => out.push_str(": "),
                    _ => {
                        out.push_str(": ");
                        if depth < 2 && self.pick(3) == 0 {
                            self.flow(out, depth + 1);
                        } else {
                            out.push_str("value");
                        }
                    }
                }
            }
            out.push('}');
        }
    }

    fn block(&mut self, out: &mut String, indent: usize, depth: usize) {
        let seq = self.pick(3) == 0;
        let count = 1 + self.pick(4);
        for i in 0..count {
            if self.pick(4) == 0 {
                out.push('\n');
            }
            if self.pick(4) == 0 {
                let c = " ".repeat(self.pick(indent + 3));
                out.push_str(&format!("{c}# comment {i}\n"));
            }
            out.push_str(&" ".repeat(indent));
            if seq {
                out.push_str("- ");
            } else {
                out.push_str(&format!("key{i}:"));
            }
            let nested = depth < 3 && self.pick(3) == 0;
            if nested {
                if self.pick(5) == 0 {
                    out.push_str(" # after key");
                }
                out.push('\n');
                let step = 1 + self.pick(4);
                self.block(out, indent + step, depth + 1);
                continue;
            }
            out.push(' ');
            if self.pick(4) == 0 {
                self.flow(out, 0);
            } else {
                self.scalar(out, indent);
            }
            if !out.ends_with('\n') {
                if self.pick(5) == 0 {
                    out.push_str("   # trailing");
                }
                out.push('\n');
            }
        }
        if self.pick(4) == 0 {
            let c = " ".repeat(self.pick(indent + 3));
            out.push_str(&format!("{c}# closing\n"));
        }
    }
}

#[test]
fn the_guarantee_holds_on_generated_inputs() {
    let mut g = Gen(0x2545_F491_4F6C_DD1D);
    let mut formatted = 0;
    for _ in 0..3000 {
        let mut src = String::new();
        if g.pick(5) == 0 {
            src.push_str("---\n");
        }
        let indent = g.pick(3);
        g.block(&mut src, indent, 0);
        holds(&src);
        if format(&src).is_ok() {
            formatted += 1;
        }
    }
    // The generator must mostly produce valid YAML, or this proves little.
    assert!(formatted > 1500, "only {formatted} inputs formatted");
}

#[test]
fn never_panics_on_mangled_inputs() {
    let base = "a: &x\n  b: [1, {c: 'd'}] # c\n  e: |\n    text\n- f\n? g\n: \"h\n  i\"\n";
    for cut in 0..base.len() {
        for insert in ["", " ", "\n", "#", "- ", ": ", "[", "\t"] {
            let mut s = base.to_owned();
            if s.is_char_boundary(cut) {
                s.insert_str(cut, insert);
            }
            holds(&s);
        }
    }
}
