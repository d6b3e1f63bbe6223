//! One stable sort for the whole analyzer.
//!
//! Every list the analyzer orders (findings, comparisons, edits, HAR steps)
//! is sorted through [`by_key`], by a `u64` key. The page ships one sort
//! routine (over `(u64, usize)` pairs) instead of one copy of the standard
//! library's stable sort per element type, which cost about 3 KB of wasm each.

/// Sorts `v` by `key`, keeping the input order of equal keys (stable).
pub fn by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if v.len() < 2 {
        return;
    }
    // The position breaks ties, so the unstable sort of the pairs is stable.
    let mut order: Vec<(u64, usize)> = v.iter().map(key).zip(0..).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Two keys in one: `high` decides, `low` breaks ties. Each is capped at
/// `u32::MAX` (byte offsets and counts of inputs far below 4 GB).
pub fn pair(high: usize, low: usize) -> u64 {
    let cap = |x: usize| {
        u64::try_from(x)
            .unwrap_or(u64::MAX)
            .min(u64::from(u32::MAX))
    };
    (cap(high) << 32) | cap(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_key_and_keeps_the_order_of_equal_keys() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        by_key(&mut empty, |x| u64::from(*x));
        assert!(empty.is_empty());
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // A fixed pseudo-random sequence with many equal keys.
        let mut x = 12345u64;
        let v: Vec<(u64, usize)> = (0..500)
            .map(|i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((x >> 33) % 17, i)
            })
            .collect();
        let mut ours = v.clone();
        by_key(&mut ours, |p| p.0);
        let mut std = v;
        std.sort_by_key(|p| p.0);
        assert_eq!(ours, std);
    }

    #[test]
    fn pair_orders_by_high_then_low() {
        assert!(pair(1, 9) < pair(2, 0));
        assert!(pair(2, 0) < pair(2, 1));
        assert_eq!(pair(usize::MAX, 0), u64::from(u32::MAX) << 32);
    }
}
