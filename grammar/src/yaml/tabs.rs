//! TABs in indentation: choosing what they stand for, and expanding them.
//!
//! YAML forbids TABs in indentation and Heat refuses such a file, but a
//! template pasted from a web page or an editor often has them. To report
//! every TAB (not only the first) and to offer a fix, hotc reads each TAB as
//! the spaces it most likely stood for. Which TAB stops? The ones under which
//! the file parses: stops every 8 columns are tried first, then the same
//! shifted by 4 (a block printed with 4 columns of indent, like the seed
//! tutorial's), then stops every 4 and every 2.

use super::scanner::TabStops;

/// The TAB stops tried, in order of preference.
const CANDIDATES: [TabStops; 6] = [
    TabStops {
        width: 8,
        offset: 0,
    },
    TabStops {
        width: 8,
        offset: 4,
    },
    TabStops {
        width: 4,
        offset: 0,
    },
    TabStops {
        width: 2,
        offset: 0,
    },
    TabStops {
        width: 8,
        offset: 2,
    },
    TabStops {
        width: 8,
        offset: 6,
    },
];

/// The first candidate under which `errors` (the count of errors other than
/// TABs that a parse with those stops finds) is zero, else the one with the
/// fewest.
pub(crate) fn choose_stops(_src: &str, mut errors: impl FnMut(TabStops) -> usize) -> TabStops {
    let mut best = (usize::MAX, CANDIDATES[0]);
    for stops in CANDIDATES {
        let n = errors(stops);
        if n == 0 {
            return stops;
        }
        if n < best.0 {
            best = (n, stops);
        }
    }
    best.1
}
