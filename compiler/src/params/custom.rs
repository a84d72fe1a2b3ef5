//! Heat's custom constraints that need no cloud, checked as Heat 27.0.1
//! checks them (`heat/engine/constraint/common_constraints.py`): `ip_addr`,
//! `mac_addr`, `net_cidr`, `ip_or_cidr`, `dns_name`, `rel_dns_name`,
//! `dns_domain`, `iso_8601` and `json_string`.
//!
//! Guarantees: a value gets Heat's verdict and, when refused, the exact
//! text of Heat's `Constraint.validate` error (`Error validating value
//! '...': ...`); `tests/tests/custom_agrees.rs` compares both with Heat's
//! own classes over several hundred values per constraint. The address
//! checks follow the libraries Heat calls, not Rust's parsers: neutron-lib's
//! `validate_ip_address` and `validate_subnet`, netaddr 1.3's `IPAddress`,
//! `IPNetwork`, `cidr_abbrev_to_verbose` and `valid_mac`, and glibc's
//! `inet_pton`, which netaddr calls through Python's `socket`. Where the
//! verdict or the message would rest on something not reproduced here
//! (Python's `int()` of non-ASCII digits, a NUL byte, JSON nested past
//! Python's recursion limit or with integers past its digit limit), the
//! answer is `Unchecked`, never a guess. `cron_expression`, `timezone` and
//! `expiration` need croniter, the zone database or the clock, and every
//! other custom constraint needs a cloud: all are `Unchecked`.

mod dates;
mod json;
mod net;

/// What Heat says of a value under a custom constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    /// Refused, with the message Heat's constraint raises.
    Invalid(String),
    /// Not checked here: the constraint needs a cloud or something hotc
    /// does not reproduce.
    Unchecked,
}

/// The custom constraints this module checks, each with its check: `Ok`,
/// or `Err` with the constraint class's `_error_message` (`None` when the
/// class sets none), or `None` when not reproduced for this value.
type Check = fn(&str) -> Option<Result<(), Option<String>>>;

const LOCAL: &[(&str, Check)] = &[
    ("ip_addr", ip_addr),
    ("mac_addr", mac_addr),
    ("net_cidr", net_cidr),
    ("ip_or_cidr", ip_or_cidr),
    ("dns_name", dns_name),
    ("rel_dns_name", rel_dns_name),
    ("dns_domain", dns_domain),
    ("iso_8601", iso_8601),
    ("json_string", json_string),
];

/// Whether hotc checks the custom constraint `name` without a cloud.
pub fn is_local(name: &str) -> bool {
    LOCAL.iter().any(|(n, _)| *n == name)
}

/// Checks a string value against the custom constraint `name` as Heat's
/// `CustomConstraint.validate` does. Values of other types are not checked:
/// most of these classes raise a `TypeError` or `AttributeError` on them,
/// which Heat does not report as a constraint failure.
pub fn check(name: &str, value: &str) -> Verdict {
    let Some((_, check)) = LOCAL.iter().find(|(n, _)| *n == name) else {
        return Verdict::Unchecked;
    };
    match check(value) {
        None => Verdict::Unchecked,
        Some(Ok(())) => Verdict::Valid,
        // `BaseCustomConstraint.error`.
        Some(Err(None)) => Verdict::Invalid(format!("Error validating value '{value}'")),
        Some(Err(Some(message))) => {
            Verdict::Invalid(format!("Error validating value '{value}': {message}"))
        }
    }
}

/// `IPConstraint`: neutron-lib's `validate_ip_address`, whatever its
/// message, is `Invalid IP address`.
fn ip_addr(value: &str) -> Option<Result<(), Option<String>>> {
    // Non-ASCII text is never an address neutron accepts (IPv6 goes through
    // `inet_pton`, and an IPv4 address must read back as its ASCII `str()`),
    // whatever Python's `int()` makes of its digits.
    if !value.is_ascii() {
        return Some(Err(Some("Invalid IP address".to_owned())));
    }
    Some(match net::validate_ip_address(value)? {
        None => Ok(()),
        Some(_) => Err(Some("Invalid IP address".to_owned())),
    })
}

/// `MACConstraint`: `netaddr.valid_mac`, one of EUI-48's formats.
fn mac_addr(value: &str) -> Option<Result<(), Option<String>>> {
    if net::valid_mac(value) {
        Some(Ok(()))
    } else {
        Some(Err(Some("Invalid MAC address.".to_owned())))
    }
}

/// `CIDRConstraint`: netaddr must read the value (after its classful
/// expansion), then neutron-lib's `validate_subnet` must accept it.
fn net_cidr(value: &str) -> Option<Result<(), Option<String>>> {
    let parsed = net::cidr_abbrev_to_verbose(value)
        .and_then(|verbose| net::ip_network(&verbose).map(|_| ()));
    Some(match parsed {
        Err(net::PyError::Unknown) => return None,
        Err(e) => Err(Some(format!("Invalid net cidr {} ", e.message()?))),
        Ok(()) => match net::validate_subnet(value)? {
            None => Ok(()),
            Some(message) => Err(Some(message)),
        },
    })
}

/// `IPCIDRConstraint`: a subnet when the value holds a `/`, else an
/// address, with neutron-lib's message.
fn ip_or_cidr(value: &str) -> Option<Result<(), Option<String>>> {
    let message = if value.contains('/') {
        net::validate_subnet(value)?
    } else {
        net::validate_ip_address(value)?
    };
    Some(message.map_or(Ok(()), |m| Err(Some(m))))
}

/// `DNSNameConstraint`: heat's `netutils.validate_dns_format`.
fn dns_name(value: &str) -> Option<Result<(), Option<String>>> {
    Some(
        validate_dns_format(value)
            .map_err(|reason| Some(format!("'{value}' not in valid format. Reason: {reason}"))),
    )
}

/// `FQDN_MAX_LEN` of heat's `netutils`.
const FQDN_MAX_LEN: usize = 255;

/// `RelativeDNSNameConstraint`: no trailing dot, room for a domain, then
/// `dns_name`.
fn rel_dns_name(value: &str) -> Option<Result<(), Option<String>>> {
    if value.is_empty() {
        return Some(Ok(()));
    }
    if value.ends_with('.') {
        return Some(Err(Some(format!(
            "'{value}' is a FQDN. It should be a relative domain name."
        ))));
    }
    let length = value.chars().count();
    if length > FQDN_MAX_LEN - 3 {
        return Some(Err(Some(format!(
            "'{value}' contains '{length}' characters. Adding a domain name will cause it to exceed the maximum length of a FQDN of '{FQDN_MAX_LEN}'."
        ))));
    }
    dns_name(value)
}

/// `DNSDomainConstraint`: `dns_name`, then a trailing dot.
fn dns_domain(value: &str) -> Option<Result<(), Option<String>>> {
    if value.is_empty() {
        return Some(Ok(()));
    }
    if let Err(e) = dns_name(value)? {
        return Some(Err(e));
    }
    if value.ends_with('.') {
        Some(Ok(()))
    } else {
        Some(Err(Some(format!("'{value}' must end with '.'."))))
    }
}

/// heat's `netutils.validate_dns_format`; the error is its `ValueError`.
fn validate_dns_format(data: &str) -> Result<(), String> {
    const DNS_LABEL_MAX_LEN: usize = 63;
    if data.is_empty() {
        return Ok(());
    }
    let trimmed = data.strip_suffix('.').unwrap_or(data);
    if trimmed.chars().count() > FQDN_MAX_LEN {
        return Err(format!(
            "'{trimmed}' exceeds the {FQDN_MAX_LEN} character FQDN limit"
        ));
    }
    let names: Vec<&str> = trimmed.split('.').collect();
    for name in &names {
        if name.is_empty() {
            return Err("Encountered an empty component.".to_owned());
        }
        if name.ends_with('-') || name.starts_with('-') {
            return Err(format!(
                "Name '{name}' must not start or end with a hyphen."
            ));
        }
        // `re.match("[a-z0-9-]{1,63}$", name)`: Python's `$` also matches
        // before a final newline.
        let label = name.strip_suffix('\n').unwrap_or(name);
        let ok = (1..=DNS_LABEL_MAX_LEN).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(format!(
                "Name '{name}' must be 1-{DNS_LABEL_MAX_LEN} characters long, each of which can only be alphanumeric or a hyphen."
            ));
        }
    }
    // RFC 1123 hints that a top-level domain is never all digits; the last
    // label is one only in a name with a trailing dot.
    if let (true, [_, .., last]) = (data.ends_with('.'), names.as_slice()) {
        let digits = last.strip_suffix('\n').unwrap_or(last);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("TLD '{last}' must not be all numeric."));
        }
    }
    Ok(())
}

/// `ISO8601Constraint`: oslo's `parse_isotime` (the `iso8601` package); it
/// sets no message of its own.
fn iso_8601(value: &str) -> Option<Result<(), Option<String>>> {
    Some(dates::parse_date(value)?.then_some(()).ok_or(None))
}

/// `JsonStringConstraint`: `json.loads` of a non-empty value.
fn json_string(value: &str) -> Option<Result<(), Option<String>>> {
    if value.is_empty() {
        return Some(Ok(()));
    }
    Some(
        json::loads(value)?
            .map_err(|error| Some(format!("JSON string {value} is invalid: {error}"))),
    )
}

#[cfg(test)]
mod tests;
