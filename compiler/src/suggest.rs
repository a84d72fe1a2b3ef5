//! "Did you mean ...?": the nearest known name to a misspelt one.
//!
//! This is the one place that measures how far apart two names are, so every
//! diagnostic suggests names by the same standard. The distance is the
//! optimal-string-alignment variant of Damerau-Levenshtein: insertions,
//! deletions, substitutions and swaps of two adjacent characters each cost
//! one, which covers the usual typos (`propertis`, `depnds_on`, `tpye`).

/// The candidate closest to `word`, if one is close enough to be a likely
/// typo. A candidate that differs only in letter case always wins; otherwise
/// the allowed distance grows with the word (one edit per three characters,
/// at least one), and ties go to the candidate listed first.
pub fn nearest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    nearest_within(word, candidates, usize::MAX)
}

/// [`nearest`], allowing at most `max` edits (fewer when `nearest`'s own
/// limit for the word is lower); a case-only difference still always wins.
pub(crate) fn nearest_within<'a, I>(word: &str, candidates: I, max: usize) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    if let Some(same) = candidates
        .iter()
        .find(|c| **c != word && c.eq_ignore_ascii_case(word))
    {
        return Some(same);
    }
    let limit = (word.chars().count() / 3).max(1).min(max);
    let lower = word.to_lowercase();
    let lower_len = lower.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        // Only a candidate within the limit and nearer than the best so far
        // can win, and a distance is at least the difference in length: a
        // candidate whose length is further off than that is skipped
        // without building its table (callers pass thousands of resource
        // names, and long type names allow many edits).
        let bound = match best {
            Some((0, _)) => break,
            Some((d, _)) => limit.min(d - 1),
            None => limit,
        };
        // An ASCII name's lowercase is as long as its bytes; counting the
        // lowercase of every character was most of the cost of a skip.
        let len: usize = if candidate.is_ascii() {
            candidate.len()
        } else {
            candidate.chars().map(|c| c.to_lowercase().count()).sum()
        };
        if len.abs_diff(lower_len) > bound {
            continue;
        }
        let distance = distance(&lower, &candidate.to_lowercase());
        if distance <= bound {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The optimal-string-alignment distance between two strings, by characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows (two back, one back, current) are enough because a
    // swap looks back exactly two characters.
    let mut two_back: Vec<usize> = vec![0; b.len() + 1];
    let mut one_back: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let deletion = one_back.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insertion = current.get(j).map_or(usize::MAX, |d| d + 1);
            let substitution = one_back.get(j).map_or(usize::MAX, |d| d + cost);
            let mut best = deletion.min(insertion).min(substitution);
            let swapped =
                i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) && ca != cb;
            if swapped && let Some(d) = two_back.get(j - 1) {
                best = best.min(d + 1);
            }
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = best;
            }
        }
        std::mem::swap(&mut two_back, &mut one_back);
        std::mem::swap(&mut one_back, &mut current);
    }
    one_back.get(b.len()).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests;
