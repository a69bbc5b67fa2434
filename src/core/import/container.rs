//! What every reader notes about a container the answers cannot carry: several containers
//! (sidecars), a command line that overrides the image's, and mounts other than scratch
//! space. One wording for every format, so the "not understood" list reads the same.

use crate::core::answers::SpecialNeed;

use super::node::Node;
use super::provenance::Draft;

/// The containers listed under `parent`'s `key`, noting sidecars when there are several.
pub fn containers<'a>(d: &mut Draft, parent: &Node<'a>, key: &str) -> Vec<Node<'a>> {
    let Some(list) = parent.get(key) else {
        return Vec::new();
    };
    let items = list.items();
    if items.len() > 1 {
        d.special(SpecialNeed::Sidecars, list.source());
    }
    items
}

/// Notes each of `keys` the container sets: the answers keep the image's own command.
pub fn skip_command(d: &mut Draft, container: &Node, keys: &[&str]) {
    for key in keys {
        if let Some(n) = container.get(key) {
            d.skip(format!(
                "{} (the answers keep the image's own command; set it by hand)",
                n.path()
            ));
        }
    }
}

/// Notes every mount in `mounts` except `/tmp` (scratch space, which the disk answer
/// covers); `path_key` names the mount's path field, `what` the kind of mount.
pub fn skip_mounts(d: &mut Draft, mounts: Option<Node>, path_key: &str, what: &str) {
    for m in mounts.map(|m| m.items()).unwrap_or_default() {
        let path = m.get(path_key).and_then(|p| p.text()).unwrap_or_default();
        if path != "/tmp" {
            d.skip(format!("{what} at '{path}'"));
        }
    }
}
