//! hotc's checks of Heat's local custom constraints agree with Heat's own.
//!
//! For each constraint hotc checks without a cloud (`ip_addr`, `mac_addr`,
//! `net_cidr`, `ip_or_cidr`, `dns_name`, `rel_dns_name`, `dns_domain`,
//! `iso_8601`, `json_string`), a few hundred strings (hand-picked corners,
//! then mutations of them drawn from a fixed seed, so every run sends the
//! same values) go to `hotc_compiler::params::custom::check` and to Heat's
//! own constraint classes (tests/oracle/heat_custom.py). Where hotc gives a
//! verdict, it must be Heat's, message included; where hotc says it does
//! not check a value, the value is counted apart and printed, never taken
//! as agreement.
//!
//! Heat is found as heat_agrees.rs finds it (`$HOTC_HEAT_PYTHON`, else
//! `~/.cache/heat-ref/venv`); without it the suite skips with a message,
//! unless `HOTC_REQUIRE_HEAT=1`.

use hotc_compiler::params::custom::{Verdict, check};
use hotc_grammar::{Span, Value, ValueKind};
use hotc_tests::{ask_oracle, heat_python_or_skip};

/// Hand-picked values per constraint: the forms each library accepts, the
/// corners where Python's libraries differ from the obvious reading.
const CORNERS: &[(&str, &[&str])] = &[
    (
        "ip_addr",
        &[
            "10.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.1",
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1.2.3.4\n",
            "1.2.3.+4",
            "1.2.3.-4",
            "1.2.3.4_0",
            "1.2.3.0x4",
            "1.2..4",
            "",
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1::2::3",
            ":1::2",
            "1:2:3:4:5:6:1.2.3.4",
            "::ffff:1.2.3.4",
            "::ffff:01.2.3.4",
            "::1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4",
            "fe80::1%eth0",
            "FE80::ABCD",
            "12345::",
            "1:",
            "[::1]",
            "1.2.3.4/32",
            "١.2.3.4",
            "x",
            "0",
            "4294967295",
            "10.0.0.1\t",
        ],
    ),
    (
        "mac_addr",
        &[
            "00:11:22:33:44:55",
            "00-11-22-33-44-55",
            "0:1:2:3:4:5",
            "00:11:22:33:44",
            "00:11:22:33:44:55:66",
            "aA:bB:cC:dD:eE:fF",
            "00:11:22:33:44:5G",
            "0011.2233.4455",
            "001122:334455",
            "00112-233445",
            "001122334455",
            "00112233445",
            "0011223344",
            "0011:2233:4455",
            "0011-2233-4455",
            "00:11:22:33:44:55\n",
            "00:11:22:33:44:55 ",
            "",
            "001:11:22:33:44:55",
            "00:11-22:33:44:55",
            "00112233445566",
        ],
    ),
    (
        "net_cidr",
        &[
            "10.0.0.0/8",
            "10.0.0.1/8",
            "10.0.0.0/33",
            "10.0.0.0/32",
            "10.0.0.0/0",
            "10.0.0.0/-1",
            "10.0.0.0/08",
            "10.0.0.0/+8",
            "10.0.0.0/8 ",
            "10/8",
            "10",
            "10.1",
            "300",
            "300.1",
            "1.2.x",
            "1.2/40",
            "1.2.3.4/255.0.0.0",
            "1.2.3.4/0.0.0.255",
            "1.2.3.4/255.0.255.0",
            "1.2.3.4/5/6",
            "1.2.3.04/8",
            "",
            "x",
            "x/y",
            "::/0",
            "::/128",
            "::1/129",
            "::/+64",
            "::/064",
            "::/6_4",
            "::/ffff::",
            "::/::ffff",
            "2001:db8::/32",
            "2001:db8::1/64",
            "1.2.3.4",
            "::1",
            "10.0.0.0/1_6",
            "-1",
            "256/8",
            "1.2.3.4.5/8",
            "1.2.3.4/ 8",
            "0.0.0.0/0",
            "240",
            "224.1",
            "fe80::/10\n",
        ],
    ),
    (
        "ip_or_cidr",
        &[
            "10.0.0.1",
            "01.2.3.4",
            "10.0.0.0/8",
            "10.0.0.0/33",
            "::1",
            "::/0",
            "x",
            "",
            "x/y",
            "1.2.3.4/08",
            "1.2.3",
            "10/8",
        ],
    ),
    (
        "dns_name",
        &[
            "example.com",
            "example.com.",
            "a",
            "a.",
            ".",
            "",
            "..",
            "a..b",
            "-a.com",
            "a-.com",
            "A.com",
            "a_b.com",
            "a.123.",
            "a.123",
            "123",
            "123.",
            "a.b\n",
            "a\n.b",
            "a-\n.b",
            "a.1a.",
            "xn--bcher-kva.example",
            "a b.com",
            "é.com",
        ],
    ),
    (
        "rel_dns_name",
        &["host", "host.", "", "a.b", "A", "-a", "a..b", "a.123"],
    ),
    (
        "dns_domain",
        &[
            "example.com.",
            "example.com",
            "",
            ".",
            "a.1.",
            "a..",
            "com.",
        ],
    ),
    (
        "iso_8601",
        &[
            "2007-01-25T12:00:00Z",
            "2007-01-25",
            "2007-01",
            "2007",
            "200701",
            "20070125",
            "2007-1-5",
            "2007-02-29",
            "2008-02-29",
            "2000-02-29",
            "1900-02-29",
            "0000-01-01",
            "2007-13-01",
            "2007-02-30",
            "2007-01-25T24:00",
            "2007-01-25T23:59:59.999999",
            "2007-01-25T23:59:60",
            "2007-01-25 12:00",
            "2007-01-25T12",
            "2007-01-25T1200",
            "2007-01-25T12:00+24:00",
            "2007-01-25T12:00+23:59",
            "2007-01-25T12:00-05",
            "2007-01-25T12:00+0530",
            "2007-01-25T12:00+05:99",
            "2007-01-25T12:00:00,5Z",
            "2007-01-25T12:00:00.Z",
            "2007-01-25t12:00",
            "2007-01-25T12:00z",
            "2007\n",
            "2007-01-25\n",
            "",
            "x",
            "20070125T120000Z",
            "2007-01-25T12:0:00",
            "2007-01-25T12:00:5",
            "99999-01-01",
        ],
    ),
    (
        "json_string",
        &[
            "",
            " ",
            "{}",
            "[]",
            "[",
            "{",
            "]",
            "}",
            "{\"a\": 1}",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "[1,]",
            "[1 2]",
            "{a: 1}",
            "01",
            "-0",
            "-",
            "1.",
            ".5",
            "1e5",
            "1e",
            "1E+",
            "-1.5e-3",
            "NaN",
            "Infinity",
            "-Infinity",
            "nan",
            "null",
            "nul",
            "true",
            "True",
            "\"a\"",
            "\"a",
            "\"a\\x\"",
            "\"\\u0041\"",
            "\"\\u0041",
            "\"\\u00G1\"",
            "\"\\ud800\"",
            "\"\\ud800\\udc00\"",
            "\"\\ud800\\u00zz\"",
            "\"\\ud800\\u\"",
            "\"\\",
            "\"\t\"",
            "\"\u{7f}\"",
            "1 2",
            "[1]\n",
            "\n\n  x",
            "\u{feff}1",
            "{\"a\":1}x",
            "[\"é\", ]",
            "\"a\\n",
            "{\"a\"",
            "{\"a\":",
            "[1,",
            "\"\\u12",
            "\"\\u1234",
        ],
    ),
];

/// The characters mutations draw from, per constraint.
fn alphabet(constraint: &str) -> &'static str {
    match constraint {
        "ip_addr" | "net_cidr" | "ip_or_cidr" => "0123456789abcdefABx.:/ -+_%\n",
        "mac_addr" => "0123456789abcdefABG:-. \n",
        "iso_8601" => "0123456789-:T Z+.,tz\n",
        "json_string" => "{}[]\":,0123456789.eE-+ \\utrnafl\n\tx",
        _ => "abcz019-._ A\n",
    }
}

/// A small xorshift generator, so the generated values are the same on
/// every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % u64::try_from(bound.max(1)).unwrap_or(1)).unwrap_or(0)
    }
}

/// `count` values made by one to three edits (insert, delete, replace) of
/// the corner values.
fn mutations(constraint: &str, seeds: &[&str], count: usize, rng: &mut Rng) -> Vec<String> {
    let alphabet: Vec<char> = alphabet(constraint).chars().collect();
    let mut out = Vec::new();
    while out.len() < count {
        let mut chars: Vec<char> = seeds[rng.next(seeds.len())].chars().collect();
        for _ in 0..=rng.next(3) {
            let at = rng.next(chars.len() + 1);
            let c = alphabet[rng.next(alphabet.len())];
            match rng.next(3) {
                0 => chars.insert(at, c),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => chars[at] = c,
                _ => chars.push(c),
            }
        }
        out.push(chars.into_iter().collect());
    }
    out
}

fn text(s: &str) -> Value {
    Value {
        span: Span { start: 0, end: 0 },
        kind: ValueKind::Str(s.to_owned()),
    }
}

#[test]
fn local_custom_constraints_agree_with_heat() {
    let Some(python) = heat_python_or_skip() else {
        return;
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut cases: Vec<(&str, String)> = Vec::new();
    for (constraint, corners) in CORNERS {
        cases.extend(corners.iter().map(|v| (*constraint, (*v).to_owned())));
        let generated = if corners.len() < 20 { 150 } else { 300 };
        cases.extend(
            mutations(constraint, corners, generated, &mut rng)
                .into_iter()
                .map(|v| (*constraint, v)),
        );
    }
    let sent: Vec<Value> = cases
        .iter()
        .map(|(c, v)| Value {
            span: Span { start: 0, end: 0 },
            kind: ValueKind::Map(vec![
                (text("constraint"), text(c)),
                (text("value"), text(v)),
            ]),
        })
        .collect();
    let answers = ask_oracle(&python, "heat_custom.py", &sent);

    let mut disagree = Vec::new();
    let mut unchecked = Vec::new();
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for ((constraint, value), heat) in cases.iter().zip(&answers) {
        let heats = match (heat.get("valid"), heat.get("message")) {
            (Some(serde_json::Value::Bool(true)), _) => Some(Verdict::Valid),
            (Some(serde_json::Value::Bool(false)), Some(serde_json::Value::String(m))) => {
                Some(Verdict::Invalid(m.clone()))
            }
            _ => None,
        };
        let ours = check(constraint, value);
        if counts.last().is_none_or(|(c, _, _)| c != constraint) {
            counts.push((constraint, 0, 0));
        }
        if let Some((_, agreed, total)) = counts.last_mut() {
            *total += 1;
            if ours == Verdict::Unchecked {
                unchecked.push(format!("{constraint} {value:?}: Heat {heat}"));
            } else if Some(&ours) == heats.as_ref() {
                *agreed += 1;
            } else {
                disagree.push(format!(
                    "{constraint} {value:?}: hotc {ours:?}, Heat {heat}"
                ));
            }
        }
    }
    for (constraint, agreed, total) in &counts {
        eprintln!("{constraint}: {agreed} of {total} agree");
    }
    for line in &unchecked {
        eprintln!("not checked: {line}");
    }
    assert!(
        disagree.is_empty(),
        "{} disagreements:\n{}",
        disagree.len(),
        disagree.join("\n")
    );
}
