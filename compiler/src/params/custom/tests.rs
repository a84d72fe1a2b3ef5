//! Unit tests of the local custom constraints: a few values per
//! constraint with the verdict and message Heat gives them (the full
//! comparison with Heat is `tests/tests/custom_agrees.rs`).

use super::*;

fn invalid(name: &str, value: &str) -> String {
    match check(name, value) {
        Verdict::Invalid(message) => message,
        other => panic!("{name} {value:?}: {other:?}"),
    }
}

#[test]
fn addresses_as_neutron_reads_them() {
    assert_eq!(check("ip_addr", "10.0.0.1"), Verdict::Valid);
    assert_eq!(check("ip_addr", "::ffff:1.2.3.4"), Verdict::Valid);
    // Heat: `Error validating value '01.2.3.4': Invalid IP address`.
    assert_eq!(
        invalid("ip_addr", "01.2.3.4"),
        "Error validating value '01.2.3.4': Invalid IP address"
    );
    assert!(matches!(
        check("ip_addr", "fe80::1%eth0"),
        Verdict::Invalid(_)
    ));
    assert_eq!(
        invalid("ip_or_cidr", "01.2.3.4"),
        "Error validating value '01.2.3.4': '01.2.3.4' is not an accepted IP address, '1.2.3.4' is recommended"
    );
}

#[test]
fn cidrs_as_netaddr_and_neutron_read_them() {
    assert_eq!(check("net_cidr", "10.0.0.0/8"), Verdict::Valid);
    assert_eq!(check("net_cidr", "::/ffff::"), Verdict::Valid);
    assert_eq!(
        invalid("net_cidr", "10.0.0.0/33"),
        "Error validating value '10.0.0.0/33': Invalid net cidr invalid IPNetwork 10.0.0.0/33 "
    );
    assert_eq!(
        invalid("net_cidr", "10"),
        "Error validating value '10': '10' is not a valid IP subnet"
    );
    assert_eq!(
        invalid("net_cidr", "300.1"),
        "Error validating value '300.1': Invalid net cidr Invalid octet: 300! "
    );
}

#[test]
fn names_dates_and_json() {
    assert_eq!(check("dns_domain", "example.com."), Verdict::Valid);
    assert_eq!(
        invalid("dns_domain", "example.com"),
        "Error validating value 'example.com': 'example.com' must end with '.'."
    );
    assert_eq!(check("iso_8601", "2007-01-25T12:00:00Z"), Verdict::Valid);
    assert_eq!(
        invalid("iso_8601", "2007-02-30"),
        "Error validating value '2007-02-30'"
    );
    assert_eq!(
        invalid("json_string", "{\"a\" 1}"),
        "Error validating value '{\"a\" 1}': JSON string {\"a\" 1} is invalid: Expecting ':' delimiter: line 1 column 6 (char 5)"
    );
    assert_eq!(check("nova.flavor", "m1.small"), Verdict::Unchecked);
    assert_eq!(check("timezone", "Nowhere/Else"), Verdict::Unchecked);
}
