//! Era A (2018–2020) shapes: flat files at the root with ISO times and positional tuples.

use serde::Deserialize;

use crate::instant::Instant;
use crate::lenient::{self, Pairs, Text};

/// `["2020-04-27T12:38:44+00:00", "nice!", "bob"]`: time first, then strings.
#[derive(Debug, Clone, Default)]
pub struct Tuple {
    pub time: Instant,
    pub texts: Vec<String>,
}

impl<'de> Deserialize<'de> for Tuple {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items: Vec<Text> = lenient::list(d)?;
        let mut it = items.into_iter();
        let time = it.next().map(|t| Instant::parse(&t.0)).unwrap_or_default();
        Ok(Tuple {
            time,
            texts: it.map(|t| t.0).collect(),
        })
    }
}

impl Tuple {
    pub fn text(&self, i: usize) -> String {
        self.texts.get(i).cloned().unwrap_or_default()
    }
}

/// A file of named tuple lists (`likes.json`, `comments.json`, `stories_activities.json`).
pub type TupleLists = Pairs<TupleList>;

#[derive(Debug, Clone, Default)]
pub struct TupleList(pub Vec<Tuple>);

impl<'de> Deserialize<'de> for TupleList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Only arrays of arrays are tuples; placeholders and objects are skipped.
        let items: Vec<serde_json::Value> = lenient::list(d)?;
        Ok(TupleList(
            items
                .into_iter()
                .filter(|v| v.is_array())
                .filter_map(|v| serde_json::from_value::<Tuple>(v).ok())
                .collect(),
        ))
    }
}

/// One entry of `media.json`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Media {
    #[serde(deserialize_with = "lenient::string")]
    pub caption: String,
    #[serde(deserialize_with = "lenient::epoch")]
    pub taken_at: Instant,
    #[serde(deserialize_with = "lenient::string")]
    pub path: String,
    #[serde(deserialize_with = "lenient::string")]
    pub location: String,
    #[serde(deserialize_with = "lenient::boolean")]
    pub is_active_profile: bool,
}

pub const MEDIA_KEYS: &[&str] = &["caption", "taken_at", "path", "location"];

/// `profile.json`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Profile {
    #[serde(deserialize_with = "lenient::string")]
    pub username: String,
    #[serde(deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(deserialize_with = "lenient::string")]
    pub biography: String,
    #[serde(deserialize_with = "lenient::string")]
    pub website: String,
    #[serde(deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(deserialize_with = "lenient::string")]
    pub phone_number: String,
    #[serde(deserialize_with = "lenient::string")]
    pub gender: String,
    #[serde(deserialize_with = "lenient::string")]
    pub date_of_birth: String,
    #[serde(deserialize_with = "lenient::epoch")]
    pub date_joined: Instant,
    pub private_account: Option<Text>,
    #[serde(deserialize_with = "lenient::string")]
    pub profile_pic_url: String,
}
