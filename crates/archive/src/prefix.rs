//! Root prefix detection: where inside a part the export actually starts.
//!
//! Exports arrive wrapped in `instagram-<user>-<date>-<id>/`, `meta-<date>/instagram-…/`,
//! Drive folders and re-zipped folders. The root is the shortest prefix `P` such that a
//! marker path exists at `P + marker` (docs/FORMAT.md §1.2). Markers are matched at
//! path-component boundaries only, and at most [`MAX_DEPTH`] folders deep.

use std::collections::HashMap;

/// Deepest wrapper we look through (`Takeout/meta-…/instagram-…/` is 3).
pub(crate) const MAX_DEPTH: usize = 5;

/// Folders that only Instagram exports have at their root (any era).
const INSTAGRAM_DIRS: &[&str] = &[
    "your_instagram_activity/",
    "connections/followers_and_following/",
    "personal_information/personal_information/",
    "personal_information/",
    "content/",
    "followers_and_following/",
    "account_information/",
    "ads_and_content/",
    "ads_and_topics/",
    "login_and_account_creation/",
    "logged_information/",
    "security_and_login_information/",
    "messages/inbox/",
];

/// Files at the root of an Instagram export (legacy JSON, HTML entry pages).
const INSTAGRAM_FILES: &[&str] = &[
    "media.json",
    "profile.json",
    "connections.json",
    "start_here.html",
    "index.html",
];

/// Folders that mark a Facebook export (which shares some folder names with Instagram).
const FACEBOOK_DIRS: &[&str] = &[
    "your_facebook_activity/",
    "profile_information/",
    "personal_information/profile_information/",
];

/// Result of scanning one part's names.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Shortest prefix with Instagram markers (that is not a Facebook export).
    pub instagram: Option<String>,
    /// Shortest prefix of a Facebook export, if any.
    pub facebook: Option<String>,
}

/// Byte offsets in `name` where a path component starts, up to `MAX_DEPTH` folders deep.
fn boundaries(name: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0)
        .chain(name.match_indices('/').map(|(i, _)| i + 1))
        .take(MAX_DEPTH + 1)
}

/// Scan all names of one part.
pub(crate) fn find<'a>(names: impl Iterator<Item = &'a str>) -> Found {
    // prefix -> (has Instagram marker, has Facebook marker)
    let mut hits: HashMap<&'a str, (bool, bool)> = HashMap::new();
    let mut previous_folder = None;
    for name in names {
        let folder = name.rfind('/').and_then(|i| name.get(..=i)).unwrap_or("");
        // Files come folder by folder. Folder markers end in `/`, so inside a folder they
        // match just as they did for the previous name there: only the file name is new.
        let seen = previous_folder == Some(folder);
        previous_folder = Some(folder);
        for b in boundaries(name).filter(|&b| !seen || b >= folder.len()) {
            let (Some(prefix), Some(rest)) = (name.get(..b), name.get(b..)) else {
                continue;
            };
            let ig = INSTAGRAM_DIRS.iter().any(|m| rest.starts_with(m))
                || INSTAGRAM_FILES.contains(&rest);
            let fb = FACEBOOK_DIRS.iter().any(|m| rest.starts_with(m));
            if ig || fb {
                let slot = hits.entry(prefix).or_default();
                slot.0 |= ig;
                slot.1 |= fb;
            }
        }
    }
    let pick = |want: &dyn Fn(&(bool, bool)) -> bool| {
        hits.iter()
            .filter(|(_, flags)| want(flags))
            .map(|(p, _)| *p)
            .min_by(|a, b| {
                let rank = |p: &str| (p.len(), !last_component(p).starts_with("instagram"));
                rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
            })
            .map(str::to_owned)
    };
    Found {
        instagram: pick(&|f| f.0 && !f.1),
        facebook: pick(&|f| f.1),
    }
}

/// `b` for `"a/b/"`, `""` for `""`.
pub(crate) fn last_component(prefix: &str) -> &str {
    let trimmed = prefix.strip_suffix('/').unwrap_or(prefix);
    trimmed.rsplit('/').next().unwrap_or("")
}

/// `"a/"` for `"a/b/"`, `""` for `"b/"` and `""`.
pub(crate) fn parent(prefix: &str) -> &str {
    let trimmed = prefix.strip_suffix('/').unwrap_or(prefix);
    match trimmed.rfind('/') {
        Some(i) => prefix.get(..=i).unwrap_or(""),
        None => "",
    }
}

/// For a part without markers (e.g. a media-only second part): a single wrapper folder
/// named like an Instagram export (`instagram-…/` or `meta-…/instagram-…/`).
pub(crate) fn wrapper<'a>(mut names: impl Iterator<Item = &'a str>) -> Option<String> {
    let first = names.next()?;
    let mut parts = first.splitn(3, '/');
    let top = parts.next()?;
    let second = parts.next();
    let candidate = if top.starts_with("instagram") {
        format!("{top}/")
    } else if top.starts_with("meta-") && second.is_some_and(|s| s.starts_with("instagram")) {
        format!("{top}/{}/", second.unwrap_or(""))
    } else {
        return None;
    };
    let all = std::iter::once(first)
        .chain(names)
        .all(|n| n.starts_with(&candidate));
    all.then_some(candidate)
}

/// Sibling exports to leave out of the tree: for root `meta-x/instagram-a/`, the entry
/// `meta-x/facebook-b/...` belongs to another export. Returns that folder (`meta-x/facebook-b/`).
pub(crate) fn sibling_export<'a>(name: &'a str, root: &str) -> Option<&'a str> {
    if root.is_empty() {
        return None;
    }
    let parent = parent(root);
    let rest = name.strip_prefix(parent)?;
    let (folder, _) = rest.split_once('/')?;
    let is_export = ["facebook-", "instagram-", "messenger-", "threads-"]
        .iter()
        .any(|p| folder.starts_with(p));
    is_export.then(|| name.get(..parent.len() + folder.len() + 1))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ig(names: &[&str]) -> Option<String> {
        find(names.iter().copied()).instagram
    }

    #[test]
    fn finds_each_wrapper() {
        assert_eq!(
            ig(&["your_instagram_activity/content/posts_1.json"]),
            Some(String::new())
        );
        assert_eq!(
            ig(&[
                "instagram-jane-2025-06-13-Ab3dEf9Z/connections/followers_and_following/following.json"
            ]),
            Some("instagram-jane-2025-06-13-Ab3dEf9Z/".into())
        );
        assert_eq!(
            ig(&[
                "meta-2026-Jan-02-10-11-12/facebook-jane-1/personal_information/profile_information/x.json",
                "meta-2026-Jan-02-10-11-12/instagram-jane-2/personal_information/personal_information/p.json",
            ]),
            Some("meta-2026-Jan-02-10-11-12/instagram-jane-2/".into())
        );
        assert_eq!(
            ig(&["jane_20200316/media.json"]),
            Some("jane_20200316/".into())
        );
        assert_eq!(ig(&["photos/201801/a.jpg"]), None);
    }

    #[test]
    fn marker_files_count_in_folders_seen_before() {
        // The second name's folder was seen with the first; its file name is a marker.
        assert_eq!(ig(&["wrap/a.jpg", "wrap/media.json"]), Some("wrap/".into()));
    }

    #[test]
    fn facebook_only() {
        let f = find(["facebook-jane/your_facebook_activity/posts/a.json"].into_iter());
        assert_eq!(f.instagram, None);
        assert_eq!(f.facebook, Some("facebook-jane/".into()));
    }

    #[test]
    fn wrappers_and_siblings() {
        assert_eq!(
            wrapper(["instagram-j/media/a.jpg", "instagram-j/media/b.jpg"].into_iter()),
            Some("instagram-j/".into())
        );
        assert_eq!(
            wrapper(["meta-1/instagram-j/media/a.jpg"].into_iter()),
            Some("meta-1/instagram-j/".into())
        );
        assert_eq!(wrapper(["x/a.jpg"].into_iter()), None);
        assert_eq!(
            sibling_export("meta-1/facebook-j/a.json", "meta-1/instagram-j/"),
            Some("meta-1/facebook-j/")
        );
        assert_eq!(
            sibling_export("meta-1/readme.txt", "meta-1/instagram-j/"),
            None
        );
        assert_eq!(parent("a/b/"), "a/");
        assert_eq!(last_component("a/b/"), "b");
    }
}
