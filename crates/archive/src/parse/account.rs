//! Logins, logouts, sign-up, password and privacy changes, devices, profile changes and
//! last known location; Era A `account_history.json` and `devices.json`.

use serde::Deserialize;

use super::files::FileName;
use super::generic;
use super::{Ctx, JsonFile, Parsed, non_empty, provenance};
use crate::blocks::{ROW_KEYS, Row};
use crate::container::Archive;
use crate::instant::Instant;
use crate::labels::Field;
use crate::lenient;
use crate::model::{Account, Device, LoginEvent, LoginKind, ProfileChange, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Login(LoginKind),
    Passwords,
    Privacy,
    Devices,
    ProfileChanges,
    Location,
    LegacyHistory,
}

fn kind_of(f: &FileName<'_>) -> Option<Kind> {
    if !f.document || f.under("threads") {
        return None;
    }
    Some(match f.stem {
        "login_activity" => Kind::Login(LoginKind::Login),
        "logout_activity" => Kind::Login(LoginKind::Logout),
        "signup_details" | "signup_information" | "instagram_signup_details" => {
            Kind::Login(LoginKind::Signup)
        }
        "password_change_activity" => Kind::Passwords,
        "account_privacy_changes" | "profile_privacy_changes" => Kind::Privacy,
        "devices" => Kind::Devices,
        "profile_changes" => Kind::ProfileChanges,
        "last_known_location" => Kind::Location,
        "account_history" if f.at_root() => Kind::LegacyHistory,
        _ => return None,
    })
}

pub(crate) fn claims(f: &FileName<'_>) -> bool {
    kind_of(f).is_some()
}

pub fn parse(archive: &mut Archive) -> Parsed<Account> {
    Ctx::run(archive, read)
}

fn read(ctx: &mut Ctx<'_>) -> Account {
    let mut a = Account::default();
    for (file, kind) in ctx.matching(|f| kind_of(&FileName::of(&f.path))) {
        match kind {
            Kind::LegacyHistory => legacy_history(ctx, &file, &mut a),
            Kind::Devices => devices(ctx, &file, &mut a),
            kind => {
                for row in ctx.rows::<Row>(&file, ROW_KEYS).into_all() {
                    row_into(kind, &row, &file, &mut a);
                }
            }
        }
    }
    a
}

fn record(row: &Row) -> Record {
    Record {
        title: row.title.clone(),
        fields: row.fields(),
        time: row.time(),
        links: row.link().into_iter().collect(),
    }
}

fn row_into(kind: Kind, row: &Row, file: &JsonFile, a: &mut Account) {
    match kind {
        Kind::Login(k) => {
            // Login rows' title is an ISO time; use it when no labelled time exists.
            let time = row.time().or(Instant::parse(&row.title));
            let event = LoginEvent {
                kind: Some(k),
                time,
                ip: row.text(Field::IpAddress),
                user_agent: row.text(Field::UserAgent),
                cookie: row.text(Field::CookieName),
                language: row.text(Field::LanguageCode),
                port: row.text(Field::Port),
                device: row.text(Field::Device),
                provenance: provenance(file),
            };
            match k {
                LoginKind::Login => a.logins.push(event),
                LoginKind::Logout => a.logouts.push(event),
                LoginKind::Signup => a.signup.push(event),
            }
        }
        Kind::Passwords => a.password_changes.push(record(row)),
        Kind::Privacy => a.privacy_changes.push(record(row)),
        Kind::Location => a.locations.push(record(row)),
        Kind::ProfileChanges => a.profile_changes.push(ProfileChange {
            changed: row
                .text(Field::Changed)
                .unwrap_or_else(|| row.title.clone()),
            previous: row.text(Field::PreviousValue),
            new: row.text(Field::NewValue),
            time: row
                .get(Field::ChangeDate)
                .map(|e| e.timestamp)
                .unwrap_or_default()
                .or(row.time()),
            provenance: provenance(file),
        }),
        Kind::Devices | Kind::LegacyHistory => {}
    }
}

/// Era A: `{ "devices": [ {last_seen, user_agent, device_id} ], "camera": [...] }`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct LegacyDevice {
    #[serde(deserialize_with = "lenient::string")]
    user_agent: String,
    #[serde(deserialize_with = "lenient::string")]
    device_id: String,
    #[serde(deserialize_with = "lenient::epoch")]
    last_seen: Instant,
}

fn devices(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Account) {
    let Some(bytes) = ctx.read(file) else {
        return;
    };
    // Row files carry Meta's building blocks; Era A files are plain objects.
    let meta = contains(&bytes, b"string_map_data") || contains(&bytes, b"label_values");
    if meta {
        for row in ctx.rows_in::<Row>(file, &bytes, ROW_KEYS).into_all() {
            a.devices.push(Device {
                user_agent: row
                    .text(Field::UserAgent)
                    .or_else(|| non_empty(row.title.clone()))
                    .unwrap_or_default(),
                device_id: row.text(Field::Device),
                last_login: row
                    .get(Field::LastLogin)
                    .map(|e| e.timestamp)
                    .unwrap_or_default()
                    .or(row.time()),
                provenance: provenance(file),
            });
        }
    } else {
        let keys = &["user_agent", "device_id", "last_seen"];
        let rows = ctx.rows_in::<LegacyDevice>(file, &bytes, keys);
        for (key, group) in rows.groups {
            if key == "camera" {
                continue;
            }
            for d in group {
                a.devices.push(Device {
                    user_agent: d.user_agent,
                    device_id: non_empty(d.device_id),
                    last_login: d.last_seen,
                    provenance: provenance(file),
                });
            }
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Era A: `{ "login_history": [ {cookie_name, ip_address, language_code, timestamp,
/// user_agent, device_id} ], "registration_info": {...} }`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct LegacyLogin {
    #[serde(deserialize_with = "lenient::string")]
    cookie_name: String,
    #[serde(deserialize_with = "lenient::string")]
    ip_address: String,
    #[serde(deserialize_with = "lenient::string")]
    language_code: String,
    #[serde(deserialize_with = "lenient::epoch")]
    timestamp: Instant,
    #[serde(deserialize_with = "lenient::string")]
    user_agent: String,
    #[serde(deserialize_with = "lenient::string")]
    device_id: String,
}

fn legacy_history(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Account) {
    let Some(bytes) = ctx.read(file) else {
        return;
    };
    let rows = ctx.rows_in::<LegacyLogin>(file, &bytes, &["cookie_name", "ip_address"]);
    for (key, group) in rows.groups {
        if key != "login_history" {
            continue;
        }
        for l in group {
            a.logins.push(LoginEvent {
                kind: Some(LoginKind::Login),
                time: l.timestamp,
                ip: non_empty(l.ip_address),
                user_agent: non_empty(l.user_agent),
                cookie: non_empty(l.cookie_name),
                language: non_empty(l.language_code),
                port: None,
                device: non_empty(l.device_id),
                provenance: provenance(file),
            });
        }
    }
    // Everything else (registration info …) as generic records.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes)
        && let serde_json::Value::Object(map) = value
    {
        for (k, v) in map {
            if k != "login_history" {
                a.other.push(generic::record(v));
            }
        }
    }
}
