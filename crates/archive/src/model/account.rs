//! Account, security and device records.

use serde::{Deserialize, Serialize};

use super::{Provenance, Record};
use crate::instant::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LoginKind {
    Login,
    Logout,
    Signup,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoginEvent {
    pub kind: Option<LoginKind>,
    pub time: Instant,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub cookie: Option<String>,
    pub language: Option<String>,
    pub port: Option<String>,
    pub device: Option<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Device {
    pub user_agent: String,
    pub device_id: Option<String>,
    pub last_login: Instant,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileChange {
    pub changed: String,
    pub previous: Option<String>,
    pub new: Option<String>,
    pub time: Instant,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub logins: Vec<LoginEvent>,
    pub logouts: Vec<LoginEvent>,
    pub signup: Vec<LoginEvent>,
    pub password_changes: Vec<Record>,
    pub privacy_changes: Vec<Record>,
    pub devices: Vec<Device>,
    pub profile_changes: Vec<ProfileChange>,
    /// `last_known_location.json` and similar.
    pub locations: Vec<Record>,
    /// Settings, consents and other account files, one record per row.
    pub other: Vec<Record>,
}
