//! Era, format and kind from marker paths.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use keepsake_archive::{Archive, Detection, Era, ExportKind, Format, detect};

fn detect_names(names: &[&str]) -> Detection {
    detect(&archive_of(vec![zip_names(names)]))
}

#[test]
fn eras() {
    let cases: &[(&[&str], Era)] = &[
        (
            &["media.json", "profile.json", "photos/201805/a.jpg"],
            Era::Legacy2018,
        ),
        (
            &[
                "media.json",
                "profile.json",
                "messages/inbox/bob_123/message_1.json",
            ],
            Era::Transitional2020,
        ),
        (
            &[
                "account_information/account_information.json",
                "content/posts_1.json",
            ],
            Era::Folders2021,
        ),
        (&["ads_and_content/ads_viewed.json"], Era::Folders2021),
        (
            &[
                "personal_information/personal_information.json",
                "content/posts_1.json",
            ],
            Era::Folders2022,
        ),
        (
            &[
                "your_instagram_activity/content/posts_1.json",
                "personal_information/personal_information/personal_information.json",
            ],
            Era::AccountsCenter2024,
        ),
        (
            &["connections/followers_and_following/following.json"],
            Era::AccountsCenter2024,
        ),
        (
            &[
                "your_instagram_activity/media/posts_1.json",
                "media/posts/202503/a.jpg",
            ],
            Era::MediaMove2025,
        ),
        (
            &["your_instagram_activity/media/stories.json"],
            Era::MediaMove2025,
        ),
    ];
    for (names, era) in cases {
        let d = detect_names(names);
        assert_eq!(d.kind, ExportKind::Instagram, "{names:?}");
        assert_eq!(d.era, Some(*era), "{names:?}");
        assert_eq!(d.format, Some(Format::Json), "{names:?}");
        assert!(d.message.is_none(), "{names:?}");
        assert!(!era.label().is_empty());
    }
}

#[test]
fn eras_behind_a_prefix() {
    let d = detect_names(&[
        "instagram-jane-2025-06-13-Ab3dEf9Z/your_instagram_activity/media/posts_1.json",
    ]);
    assert_eq!(d.era, Some(Era::MediaMove2025));
}

#[test]
fn html_exports() {
    let d = detect_names(&[
        "start_here.html",
        "your_instagram_activity/media/posts_1.html",
        "your_instagram_activity/likes/liked_posts.html",
        "files/Instagram-Logo.png",
    ]);
    assert_eq!(
        (d.kind, d.era, d.format),
        (
            ExportKind::Instagram,
            Some(Era::MediaMove2025),
            Some(Format::Html)
        )
    );
    assert!(d.message.unwrap().contains("JSON"));

    let d = detect_names(&[
        "index.html",
        "content/posts_1.html",
        "personal_information/personal_information.html",
    ]);
    assert_eq!(
        (d.era, d.format),
        (Some(Era::Folders2022), Some(Format::Html))
    );
}

#[test]
fn facebook_and_random() {
    let d = detect_names(&[
        "your_facebook_activity/posts/your_posts_1.json",
        "personal_information/profile_information/profile_information.json",
    ]);
    assert_eq!(d.kind, ExportKind::Facebook);
    assert!(d.message.unwrap().contains("Facebook"));

    let d = detect_names(&["facebook-jane-2025/your_facebook_activity/posts/your_posts_1.json"]);
    assert_eq!(d.kind, ExportKind::Facebook);

    let d = detect_names(&["holiday/IMG_0001.jpg", "notes.txt"]);
    assert_eq!((d.kind, d.era, d.format), (ExportKind::Unknown, None, None));
    assert!(
        d.message
            .unwrap()
            .contains("doesn't look like an Instagram")
    );

    let d = detect(&Archive::new());
    assert_eq!(d.kind, ExportKind::Unknown);
}

#[test]
fn combined_meta_archive_is_instagram_with_a_note() {
    let d = detect_names(&[
        "meta-2026-Jan-02/facebook-jane-1/your_facebook_activity/posts/a.json",
        "meta-2026-Jan-02/instagram-jane-2/your_instagram_activity/media/posts_1.json",
    ]);
    assert_eq!(
        (d.kind, d.era),
        (ExportKind::Instagram, Some(Era::MediaMove2025))
    );
    assert!(d.message.unwrap().contains("Facebook"));
}

#[test]
fn detection_travels_as_json() {
    let d = detect_names(&["media.json"]);
    let back: Detection = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}
