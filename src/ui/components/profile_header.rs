//! The profile as Instagram shows it: round avatar, username, name, bio with its link,
//! counts of posts, followers and following, and the account facts the export holds.

use keepsake_archive::Parsed;
use keepsake_archive::model::{PostKind, Profile, RelationKind};
use yew::prelude::*;

use crate::protocol::query;
use crate::ui::components::masked::fact;
use crate::ui::components::media_view::MediaView;
use crate::ui::components::table::is_sensitive;
use crate::ui::hooks::use_posts;
use crate::ui::hooks::{Fetch, failure, use_query};
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The parsed profile, as asked by the page around the header.
    pub profile: Fetch<Parsed<Profile>>,
}

#[component]
pub fn ProfileHeader(props: &Props) -> Html {
    let posts = use_posts(PostKind::Post);
    let relations = use_query(query::Relations);
    let relations = relations.ready().map(|r| {
        (
            r.value.get(&RelationKind::Followers).len(),
            r.value.get(&RelationKind::Following).len(),
        )
    });
    let p = match &props.profile {
        Fetch::Waiting(_) => {
            return html! { <div class="profile-header loading" aria-busy="true"></div> };
        }
        Fetch::Failed(error) => return failure(error),
        Fetch::Ready(parsed) => &parsed.value,
    };
    let avatar = p.photos.last().and_then(|photo| {
        photo
            .media
            .path_in_export
            .clone()
            .filter(|_| !photo.media.missing)
    });
    let website = safe_link(&p.website);
    let post_count = match &posts {
        Fetch::Ready(list) => Some(list.posts.len()),
        _ => None,
    };
    let count = |n: Option<usize>, one: &str, many: &str, id: &str| {
        html! {
            <li data-testid={id.to_string()} data-value={n.map(|n| n.to_string())}>
                <strong>{ n.map_or("…".to_string(), format::count) }</strong>
                { format!(" {}", if n == Some(1) { one } else { many }) }
            </li>
        }
    };
    let (followers, following) = match relations {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    };
    let mut facts: Vec<(String, String)> = Vec::new();
    if let Some(gender) = &p.gender {
        facts.push(("Gender".into(), gender.clone()));
    }
    if let Some(birthday) = &p.birthday {
        facts.push(("Birthday".into(), birthday.clone()));
    }
    if let Some(email) = &p.email {
        facts.push(("E-mail".into(), email.clone()));
    }
    if let Some(phone) = &p.phone {
        facts.push(("Phone".into(), phone.clone()));
    }
    facts.extend(p.facts.iter().cloned());
    html! {
        <header class="profile-header" data-testid="profile-header">
            <div class="avatar-ring">
                { match avatar {
                    Some(path) => html! { <MediaView {path} alt={format!("Profile photo of {}", p.username)} class="avatar" /> },
                    None => html! { <div class="avatar placeholder" aria-hidden="true">{ initials(&p.name, &p.username) }</div> },
                } }
            </div>
            <div class="profile-text">
                <h2 class="username">{ p.username.clone() }</h2>
                <ul class="profile-counts" aria-label="Counts from the export">
                    { count(post_count, "post", "posts", "count-posts") }
                    { count(followers, "follower", "followers", "count-followers") }
                    { count(following, "following", "following", "count-following") }
                </ul>
                if !p.name.is_empty() { <p class="full-name">{ p.name.clone() }</p> }
                if !p.bio.is_empty() { <p class="bio">{ p.bio.clone() }</p> }
                if let Some(href) = website {
                    <a class="website" href={href.clone()} target="_blank" rel="noopener noreferrer">{ p.website.clone() }</a>
                }
                <p class="muted facts">
                    if let Some(joined) = format::date(p.joined.get()) { <span>{ format!("Joined {joined}") }</span> }
                    if let Some(private) = p.private {
                        <span>{ if private { "Private account" } else { "Public account" } }</span>
                    }
                    if p.photos.len() > 1 { <span>{ format!("{} profile photos", p.photos.len()) }</span> }
                </p>
                if !facts.is_empty() {
                    <details class="account-facts">
                        <summary>{ "Account facts (includes contact details)" }</summary>
                        <dl>
                            { for facts.into_iter().map(|(k, v)| {
                                let sensitive = is_sensitive(&k);
                                fact(k, v, sensitive)
                            }) }
                        </dl>
                    </details>
                }
            </div>
        </header>
    }
}

/// Only web links are clickable; anything else (javascript:, data:) stays text.
pub fn safe_link(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(trimmed.to_string())
    } else if !trimmed.is_empty() && !trimmed.contains(':') && trimmed.contains('.') {
        Some(format!("https://{trimmed}"))
    } else {
        None
    }
}

fn initials(name: &str, username: &str) -> String {
    format::initials(if name.trim().is_empty() {
        username
    } else {
        name
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn only_web_links_become_links() {
        assert_eq!(
            safe_link("https://example.org/x").as_deref(),
            Some("https://example.org/x")
        );
        assert_eq!(
            safe_link("example.org").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,x"), None);
        assert_eq!(safe_link(""), None);
    }

    #[wasm_bindgen_test]
    fn initials_come_from_the_name() {
        assert_eq!(initials("Zoë Demo", "keepsake.demo"), "ZD");
        assert_eq!(initials("", "keepsake.demo"), "K");
    }
}
