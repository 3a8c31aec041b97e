//! The agency tree (cây cơ quan) as materialised paths: `/root-id/child-id/.../own-id/`.
//!
//! A path makes "this agency and everything below it" one prefix match in SQL on both backends.

/// The path of an agency with `id` placed under a parent with `parent_path` (or at the root).
pub fn child_path(parent_path: Option<&str>, id: &str) -> String {
    format!("{}{id}/", parent_path.unwrap_or("/"))
}

/// Whether moving the agency at `agency_path` under `new_parent_path` would make a cycle:
/// the new parent is the agency itself or one of its descendants.
pub fn would_cycle(agency_path: &str, new_parent_path: &str) -> bool {
    new_parent_path.starts_with(agency_path)
}

/// Whether `path` lies inside the subtree whose root has `scope_path`.
pub fn is_within(path: &str, scope_path: &str) -> bool {
    path.starts_with(scope_path)
}

/// The half-open range `[low, high)` of the paths inside the subtree rooted at `root`. A path
/// ends with `/` (0x2F) and holds only lower-case hex digits, `-` and `/`, so every path
/// starting with `root` sorts below `root` with its last `/` replaced by `0` (0x30).
pub fn subtree_bounds(root: &str) -> (String, String) {
    let stem = root.strip_suffix('/').unwrap_or(root);
    (root.to_owned(), format!("{stem}0"))
}

/// The new path of a descendant when its ancestor's path changes from `old_prefix` to
/// `new_prefix`.
pub fn rebase(path: &str, old_prefix: &str, new_prefix: &str) -> Option<String> {
    path.strip_prefix(old_prefix)
        .map(|rest| format!("{new_prefix}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtree_bounds_hold_exactly_the_descendants() {
        let (low, high) = subtree_bounds("/a1/");
        let inside = |p: &str| p >= low.as_str() && p < high.as_str();
        assert!(inside("/a1/") && inside("/a1/b2/") && inside("/a1/ff-09/c/"));
        assert!(!inside("/a10/") && !inside("/a0/") && !inside("/a1") && !inside("/b/"));
        assert!(!inside("/a1-2/"));
    }

    #[test]
    fn paths_nest() {
        let root = child_path(None, "a");
        let child = child_path(Some(&root), "b");
        assert_eq!(root, "/a/");
        assert_eq!(child, "/a/b/");
        assert!(is_within(&child, &root));
        assert!(!is_within(&root, &child));
    }

    #[test]
    fn detects_cycles() {
        assert!(would_cycle("/a/", "/a/"));
        assert!(would_cycle("/a/", "/a/b/c/"));
        assert!(!would_cycle("/a/b/", "/a/"));
        assert!(!would_cycle("/a/b/", "/a/bc/"));
    }

    #[test]
    fn rebases_descendants() {
        assert_eq!(rebase("/a/b/c/", "/a/b/", "/x/b/"), Some("/x/b/c/".into()));
        assert_eq!(rebase("/z/", "/a/", "/x/"), None);
    }
}
