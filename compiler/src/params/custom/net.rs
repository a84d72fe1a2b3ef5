//! The address checks behind Heat's `ip_addr`, `net_cidr`, `ip_or_cidr`
//! and `mac_addr`: neutron-lib 5.0's `validate_ip_address` and
//! `validate_subnet`, netaddr 1.3's `IPAddress`, `IPNetwork`,
//! `cidr_abbrev_to_verbose` and `valid_mac`, and glibc's `inet_pton`.
//!
//! Guarantees: each function follows its Python original step by step,
//! including which exception it raises, since Heat's messages depend on
//! which step failed; Python's `int()` is reproduced for ASCII text only
//! (non-ASCII digits give `PyError::Unknown`), and a NUL byte, on which
//! Python's `socket` raises its own error, gives `Unknown` too.

/// The exception a step of netaddr raises, as far as Heat's messages tell
/// them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PyError {
    /// netaddr's `AddrFormatError` from parsing an address; its text is
    /// never shown (every caller replaces it).
    AddrFormat,
    /// `IPNetwork`'s own `AddrFormatError`: `invalid IPNetwork <addr>`.
    Network(String),
    /// `IPAddress`'s `ValueError` for a `/` in an address.
    Netmask,
    /// A `ValueError` from Python's `int()` of a non-number.
    IntValue,
    /// `cidr_abbrev_to_verbose`'s `IndexError` for a first octet out of
    /// range.
    Index(i128),
    /// Something hotc does not reproduce.
    Unknown,
}

impl PyError {
    /// `str(ex)`, when reproduced.
    pub(super) fn message(&self) -> Option<String> {
        match self {
            Self::Network(text) => Some(text.clone()),
            Self::Netmask => Some(
                "IPAddress() does not support netmasks or subnet prefixes! See documentation for details."
                    .to_owned(),
            ),
            Self::Index(octet) => Some(format!("Invalid octet: {octet}!")),
            Self::AddrFormat | Self::IntValue | Self::Unknown => None,
        }
    }
}

/// Python's `str.isspace` (what `re`'s `\s` matches in a `str`): Unicode's
/// White_Space plus the ASCII separators U+001C to U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `int(text)`, base 10.
enum PyInt {
    Int(i128),
    NotInt,
    /// Non-ASCII text, which Python may read (its digits and spaces are
    /// Unicode's); not reproduced.
    Unknown,
}

/// Larger than anything compared against; Python's integers do not
/// overflow, so the value saturates here.
const BIG: i128 = 1 << 100;

fn python_int(text: &str) -> PyInt {
    if !text.is_ascii() {
        return PyInt::Unknown;
    }
    let t = text.trim_matches(py_space);
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or_default()),
        Some(b'+') => (false, t.get(1..).unwrap_or_default()),
        _ => (false, t),
    };
    // Digits, with single underscores between them.
    let mut value: i128 = 0;
    let mut previous_digit = false;
    for b in digits.bytes() {
        if b.is_ascii_digit() {
            value = value
                .saturating_mul(10)
                .saturating_add(i128::from(b - b'0'))
                .min(BIG);
            previous_digit = true;
        } else if b == b'_' && previous_digit {
            previous_digit = false;
        } else {
            return PyInt::NotInt;
        }
    }
    if !previous_digit {
        return PyInt::NotInt;
    }
    PyInt::Int(if negative { -value } else { value })
}

/// glibc's `inet_pton4` over `src`: four decimal octets, no leading zeros.
fn inet_pton4(src: &[u8]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut octets = 0usize;
    let mut saw_digit = false;
    let mut current: u32 = 0;
    for &ch in src {
        if ch.is_ascii_digit() {
            if saw_digit && current == 0 {
                return None;
            }
            current = current * 10 + u32::from(ch - b'0');
            if current > 255 {
                return None;
            }
            if !saw_digit {
                octets += 1;
                if octets > 4 {
                    return None;
                }
                saw_digit = true;
            }
        } else if ch == b'.' && saw_digit {
            if octets == 4 {
                return None;
            }
            *out.get_mut(octets - 1)? = u8::try_from(current).ok()?;
            current = 0;
            saw_digit = false;
        } else {
            return None;
        }
    }
    if octets < 4 {
        return None;
    }
    *out.get_mut(octets - 1)? = u8::try_from(current).ok()?;
    Some(out)
}

/// glibc's `inet_pton6` over `src`: up to eight groups of one to four hex
/// digits, one `::`, a dotted IPv4 tail.
fn inet_pton6(src: &[u8]) -> Option<u128> {
    let mut groups: Vec<u16> = Vec::with_capacity(8);
    // Where `::` stands, as an index into `groups`.
    let mut gap: Option<usize> = None;
    let mut rest = src;
    if let Some(after) = rest.strip_prefix(b":") {
        if !after.starts_with(b":") {
            return None;
        }
        rest = after;
    }
    if rest.is_empty() && src.is_empty() {
        return None;
    }
    let mut token_start = 0usize;
    let mut digits = 0usize;
    let mut value: u32 = 0;
    let mut i = 0usize;
    let mut tail_v4 = false;
    while let Some(&ch) = rest.get(i) {
        i += 1;
        if let Some(d) = char::from(ch).to_digit(16) {
            if digits == 4 {
                return None;
            }
            value = (value << 4) | d;
            digits += 1;
            continue;
        }
        if ch == b':' {
            token_start = i;
            if digits == 0 {
                if gap.is_some() {
                    return None;
                }
                gap = Some(groups.len());
                continue;
            } else if i == rest.len() {
                return None;
            }
            if groups.len() >= 8 {
                return None;
            }
            groups.push(u16::try_from(value).ok()?);
            digits = 0;
            value = 0;
            continue;
        }
        if ch == b'.' && groups.len() <= 6 {
            let v4 = inet_pton4(rest.get(token_start..)?)?;
            groups.push(u16::from_be_bytes([v4[0], v4[1]]));
            groups.push(u16::from_be_bytes([v4[2], v4[3]]));
            digits = 0;
            tail_v4 = true;
            break;
        }
        return None;
    }
    if digits > 0 && !tail_v4 {
        if groups.len() >= 8 {
            return None;
        }
        groups.push(u16::try_from(value).ok()?);
    }
    let groups = match gap {
        Some(at) => {
            // `::` must stand for at least one group.
            if groups.len() == 8 {
                return None;
            }
            let mut full = groups.get(..at)?.to_vec();
            full.resize(8 - (groups.len() - at), 0);
            full.extend_from_slice(groups.get(at..)?);
            full
        }
        None => groups,
    };
    if groups.len() != 8 {
        return None;
    }
    Some(
        groups
            .iter()
            .fold(0u128, |acc, g| (acc << 16) | u128::from(*g)),
    )
}

/// Python's `socket.inet_pton`: the text's UTF-8 bytes, except that a NUL
/// is Python's own `ValueError`.
fn pton(addr: &str, parse: impl Fn(&[u8]) -> Option<u128>) -> Result<u128, PyError> {
    if addr.contains('\0') {
        return Err(PyError::Unknown);
    }
    parse(addr.as_bytes()).ok_or(PyError::AddrFormat)
}

/// netaddr's `ipv4.str_to_int` in its `INET_PTON` mode, with `ZEROFILL`
/// (each part through `int()` first) or without (a part with a leading
/// zero refused).
fn ipv4_str_to_int(addr: &str, zerofill: bool) -> Result<u128, PyError> {
    if addr.contains(':') {
        return Err(PyError::AddrFormat);
    }
    let text = if zerofill {
        let mut parts = Vec::new();
        for part in addr.split('.') {
            match python_int(part) {
                PyInt::Int(i) => parts.push(i.to_string()),
                PyInt::NotInt => return Err(PyError::IntValue),
                PyInt::Unknown => return Err(PyError::Unknown),
            }
        }
        parts.join(".")
    } else {
        if addr
            .split('.')
            .any(|p| p.chars().count() > 1 && p.starts_with('0'))
        {
            return Err(PyError::AddrFormat);
        }
        addr.to_owned()
    };
    pton(&text, |b| {
        inet_pton4(b).map(|o| u128::from(u32::from_be_bytes(o)))
    })
}

/// An IP version, as netaddr's modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    V4,
    V6,
}

impl Version {
    fn width(self) -> u32 {
        match self {
            Self::V4 => 32,
            Self::V6 => 128,
        }
    }

    fn str_to_int(self, addr: &str, zerofill: bool) -> Result<u128, PyError> {
        match self {
            Self::V4 => ipv4_str_to_int(addr, zerofill),
            Self::V6 => pton(addr, inet_pton6),
        }
    }
}

/// netaddr's `IPAddress(addr, version, flags)`; `zerofill` is the
/// `ZEROFILL` flag. A version not given is found by trying IPv4, then
/// IPv6.
fn ip_address(
    addr: &str,
    version: Option<Version>,
    zerofill: bool,
) -> Result<(Version, u128), PyError> {
    if addr.contains('/') {
        return Err(PyError::Netmask);
    }
    if let Some(v) = version {
        return v.str_to_int(addr, zerofill).map(|n| (v, n));
    }
    for v in [Version::V4, Version::V6] {
        match v.str_to_int(addr, zerofill) {
            Ok(n) => return Ok((v, n)),
            Err(PyError::AddrFormat) => {}
            Err(other) => return Err(other),
        }
    }
    Err(PyError::AddrFormat)
}

/// `str()` of an IPv4 address.
fn ipv4_str(n: u128) -> String {
    let [_, _, _, _, _, _, _, _, _, _, _, _, a, b, c, d] = n.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

/// netaddr's `parse_ip_network` for one version: an address, then a
/// prefix length, netmask or hostmask.
fn parse_ip_network(version: Version, addr: &str) -> Result<(u128, u32), PyError> {
    let (address, prefix) = match addr.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (addr, None),
    };
    let (_, value) = ip_address(address, Some(version), false)?;
    let width = version.width();
    let prefixlen: i128 = match prefix {
        None => i128::from(width),
        Some(p) => match python_int(p) {
            PyInt::Int(i) => i,
            PyInt::Unknown => return Err(PyError::Unknown),
            PyInt::NotInt => {
                let (_, mask) = ip_address(p, Some(version), false)?;
                let max = if width == 128 {
                    u128::MAX
                } else {
                    (1u128 << width) - 1
                };
                let is_power_of_two_minus_one =
                    |m: u128| m.checked_add(1).is_none_or(|x| x & (x - 1) == 0);
                if is_power_of_two_minus_one(mask ^ max) {
                    // A netmask: its leading ones.
                    i128::from((mask ^ max).count_zeros() - (128 - width))
                } else if is_power_of_two_minus_one(mask) {
                    // A hostmask: the width less its trailing ones.
                    i128::from(width - mask.trailing_ones())
                } else {
                    return Err(PyError::AddrFormat);
                }
            }
        },
    };
    u32::try_from(prefixlen)
        .ok()
        .filter(|p| *p <= width)
        .map(|p| (value, p))
        .ok_or(PyError::AddrFormat)
}

/// netaddr's `IPNetwork(addr)`: IPv4 tried first, then IPv6.
pub(super) fn ip_network(addr: &str) -> Result<(Version, u128, u32), PyError> {
    for v in [Version::V4, Version::V6] {
        match parse_ip_network(v, addr) {
            Ok((value, prefix)) => return Ok((v, value, prefix)),
            Err(PyError::AddrFormat) => {}
            Err(other) => return Err(other),
        }
    }
    Err(PyError::Network(format!("invalid IPNetwork {addr}")))
}

/// netaddr's `cidr_abbrev_to_verbose`: an IPv4 prefix written short (`10`,
/// `192.168`, `10/16`) made whole with the old classful prefix lengths;
/// anything else comes back as it is.
pub(super) fn cidr_abbrev_to_verbose(abbrev: &str) -> Result<String, PyError> {
    fn classful_prefix(octet: i128) -> Result<u32, PyError> {
        match octet {
            0..=127 => Ok(8),
            128..=191 => Ok(16),
            192..=223 => Ok(24),
            224..=239 => Ok(4),
            240..=255 => Ok(32),
            _ => Err(PyError::Index(octet)),
        }
    }
    if abbrev.contains(':') || abbrev.is_empty() {
        return Ok(abbrev.to_owned());
    }
    match python_int(abbrev) {
        PyInt::Unknown => return Err(PyError::Unknown),
        PyInt::Int(i) => {
            // The `IndexError` of an octet out of range is caught here.
            return Ok(
                classful_prefix(i).map_or_else(|_| abbrev.to_owned(), |p| format!("{i}.0.0.0/{p}"))
            );
        }
        PyInt::NotInt => {}
    }
    let (part_addr, mut prefix) = match abbrev.split_once('/') {
        Some((a, p)) => match python_int(p) {
            PyInt::Int(i) if (0..=32).contains(&i) => (a, Some(p.to_owned())),
            PyInt::Int(_) | PyInt::NotInt => return Ok(abbrev.to_owned()),
            PyInt::Unknown => return Err(PyError::Unknown),
        },
        None => (abbrev, None),
    };
    let mut tokens: Vec<&str> = part_addr.split('.').collect();
    if tokens.len() > 4 {
        return Ok(abbrev.to_owned());
    }
    tokens.resize(4, "0");
    if prefix.is_none() {
        match python_int(tokens.first().copied().unwrap_or_default()) {
            PyInt::NotInt => return Ok(abbrev.to_owned()),
            PyInt::Unknown => return Err(PyError::Unknown),
            // Raised inside the `except ValueError` handler, so the
            // `IndexError` escapes to the caller.
            PyInt::Int(i) => prefix = Some(classful_prefix(i)?.to_string()),
        }
    }
    Ok(format!(
        "{}/{}",
        tokens.join("."),
        prefix.unwrap_or_default()
    ))
}

/// neutron-lib's `validate_ip_address`: `None` when valid, else its
/// message; the outer `None` when not reproduced.
pub(super) fn validate_ip_address(data: &str) -> Option<Option<String>> {
    let invalid = || Some(Some(format!("'{data}' is not a valid IP address")));
    if data.chars().any(py_space) {
        return invalid();
    }
    // Tried with ZEROFILL first; its `ValueError`s send it round again
    // without.
    let ip = match ip_address(data, None, true) {
        Err(PyError::IntValue | PyError::Netmask) => ip_address(data, None, false),
        other => other,
    };
    match ip {
        Err(PyError::Unknown) => None,
        Err(_) => invalid(),
        // Not IPv6 and not four parts: a platform's lenient inet_aton read
        // it, and neutron refuses it.
        Ok(_) if !data.contains(':') && data.matches('.').count() != 3 => invalid(),
        // Leading zeros might be octal: refused, the plain form suggested.
        Ok((Version::V4, n)) if ipv4_str(n) != data => Some(Some(format!(
            "'{data}' is not an accepted IP address, '{}' is recommended",
            ipv4_str(n)
        ))),
        Ok(_) => Some(None),
    }
}

/// neutron-lib's `validate_subnet`: `None` when valid, else its message;
/// the outer `None` when not reproduced.
pub(super) fn validate_subnet(data: &str) -> Option<Option<String>> {
    let invalid = || Some(Some(format!("'{data}' is not a valid IP subnet")));
    if data.chars().any(py_space) {
        return invalid();
    }
    match ip_network(data) {
        Err(PyError::Unknown) => None,
        Err(_) => invalid(),
        Ok(_) if !data.contains('/') => invalid(),
        Ok((Version::V4, n, prefix)) if format!("{}/{prefix}", ipv4_str(n)) != data => invalid(),
        Ok(_) => Some(None),
    }
}

/// netaddr's `valid_mac`: one of EUI-48's formats (any case; Python's `$`
/// also matches before a final newline).
pub(super) fn valid_mac(addr: &str) -> bool {
    let text = addr.strip_suffix('\n').unwrap_or(addr);
    let hex_run = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
    };
    let grouped = |sep: char, count: usize, lengths: std::ops::RangeInclusive<usize>| {
        let parts: Vec<&str> = text.split(sep).collect();
        parts.len() == count && parts.iter().all(|p| hex_run(p, lengths.clone()))
    };
    grouped(':', 6, 1..=2)
        || grouped('-', 6, 1..=2)
        || grouped(':', 3, 1..=4)
        || grouped('-', 3, 1..=4)
        || grouped('.', 3, 1..=4)
        || grouped('-', 2, 5..=6)
        || grouped(':', 2, 5..=6)
        || hex_run(text, 11..=12)
}
