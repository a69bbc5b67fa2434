//! Proptest strategies the property-test files share: one item of a list, or any subset of it.

use proptest::prelude::*;

/// One of `items`.
pub fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    (0..items.len()).prop_map(move |i| items[i].clone())
}

/// Any subset of `items`, in their order.
pub fn subset<T: Clone + std::fmt::Debug + 'static>(
    items: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    proptest::collection::vec(any::<bool>(), items.len()).prop_map(move |mask| {
        items
            .iter()
            .zip(mask)
            .filter(|(_, m)| *m)
            .map(|(i, _)| i.clone())
            .collect()
    })
}
