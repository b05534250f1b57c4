//! Logins, logouts, sign-up, security and privacy changes, devices, profile changes, the
//! last known location, and the ads, advertisers, off-Meta activity and topics tables.
//! IP addresses, cookies, e-mail, phone numbers and locations are masked until shown.

use keepsake_archive::Category;
use keepsake_archive::model::{Account, LoginEvent, Record, RecordTable};
use yew::prelude::*;

use super::activity::ACTIVITY_TABLES;
use super::{Fetch, SectionTabs, failure, loading, problems_note, use_section_tabs};
use crate::protocol::query;
use crate::ui::components::table::{
    Column, Tab, TableData, TableTabs, group_by, records_table, time_cell,
};

#[component]
pub fn AccountView() -> Html {
    let SectionTabs {
        records,
        tabs: built,
    } = use_section_tabs(query::Account, tabs);
    match (&records, &built) {
        (Fetch::Failed(error), _) => failure(error),
        (Fetch::Ready(records), Some(built)) => html! {
            <div class="section-view" data-testid="account">
                <p class="muted">
                    { "IP addresses, cookies, e-mail addresses, phone numbers and locations are \
                       hidden until you choose “Show”, so the page is safe to share on screen." }
                </p>
                { problems_note(records.problems.len()) }
                <TableTabs tabs={built.clone()} label="Account records" />
            </div>
        },
        _ => loading("your account records"),
    }
}

fn logins_table(key: &str, events: &[LoginEvent]) -> TableData {
    let mut table = TableData::new(
        key,
        vec![
            Column::time("Time"),
            Column::text("IP address").sensitive(),
            Column::text("User agent"),
            Column::text("Device"),
            Column::text("Language"),
            Column::text("Port"),
            Column::text("Cookie").sensitive(),
        ],
    );
    for e in events {
        table.push(vec![
            time_cell(e.time.get()),
            e.ip.clone().unwrap_or_default(),
            e.user_agent.clone().unwrap_or_default(),
            e.device.clone().unwrap_or_default(),
            e.language.clone().unwrap_or_default(),
            e.port.clone().unwrap_or_default(),
            e.cookie.clone().unwrap_or_default(),
        ]);
    }
    table
}

fn records(key: &str, items: &[Record]) -> Option<crate::ui::components::table::Shared> {
    let refs: Vec<&Record> = items.iter().collect();
    let table = records_table(key, &refs);
    (!table.is_empty()).then(|| table.shared())
}

/// A location table: every value column is masked (coordinates, cities, addresses).
fn location_records(items: &[Record]) -> Option<crate::ui::components::table::Shared> {
    let refs: Vec<&Record> = items.iter().collect();
    let mut table = records_table("last_known_location", &refs);
    for column in &mut table.columns {
        if column.kind == crate::ui::components::table::Kind::Text {
            column.sensitive = true;
        }
    }
    (!table.is_empty()).then(|| table.shared())
}

fn tabs(a: &Account, known: &[RecordTable]) -> Vec<Tab> {
    let present = |table: TableData| (!table.is_empty()).then(|| table.shared());
    let mut tabs = vec![
        Tab::new(
            Category::Logins.key(),
            "Logins",
            present(logins_table(Category::Logins.key(), &a.logins)),
        ),
        Tab::new(
            Category::Logouts.key(),
            "Logouts",
            present(logins_table(Category::Logouts.key(), &a.logouts)),
        ),
        Tab::new(
            "signup",
            "Sign-up",
            present(logins_table("signup", &a.signup)),
        ),
        Tab::new(
            Category::PasswordChanges.key(),
            "Password changes",
            records(Category::PasswordChanges.key(), &a.password_changes),
        ),
        Tab::new(
            Category::PrivacyChanges.key(),
            "Privacy changes",
            records(Category::PrivacyChanges.key(), &a.privacy_changes),
        ),
    ];

    let mut devices = TableData::new(
        Category::Devices.key(),
        vec![
            Column::text("User agent"),
            Column::text("Device ID").sensitive(),
            Column::time("Last login"),
        ],
    );
    for d in &a.devices {
        devices.push(vec![
            d.user_agent.clone(),
            d.device_id.clone().unwrap_or_default(),
            time_cell(d.last_login.get()),
        ]);
    }
    tabs.push(Tab::new(
        Category::Devices.key(),
        "Devices",
        present(devices),
    ));

    let mut changes = TableData::new(
        Category::ProfileChanges.key(),
        vec![
            Column::text("Changed"),
            Column::text("Before").sensitive(),
            Column::text("After").sensitive(),
            Column::time("Time"),
        ],
    );
    for c in &a.profile_changes {
        changes.push(vec![
            c.changed.clone(),
            c.previous.clone().unwrap_or_default(),
            c.new.clone().unwrap_or_default(),
            time_cell(c.time.get()),
        ]);
    }
    tabs.push(Tab::new(
        Category::ProfileChanges.key(),
        "Profile changes",
        present(changes),
    ));
    tabs.push(Tab::new(
        "last_known_location",
        "Last known location",
        location_records(&a.locations),
    ));

    // Ads, advertisers, off-Meta activity, topics and the other known tables.
    let account_tables: Vec<&RecordTable> = known
        .iter()
        .filter(|t| !ACTIVITY_TABLES.contains(&t.name.as_str()))
        .collect();
    for (name, group) in group_by(&account_tables, |t| t.name.clone()) {
        let rows: Vec<&Record> = group.iter().flat_map(|t| t.records.iter()).collect();
        let table = records_table(&name, &rows);
        tabs.push(Tab::new(&name, &table_label(&name), present(table)));
    }
    // Listed even when absent, so their absence shows.
    for category in [
        Category::Advertisers,
        Category::OffMetaApps,
        Category::Topics,
    ] {
        let name = category.key();
        if !tabs.iter().any(|t| t.key == name) {
            tabs.push(Tab::new(name, &table_label(name), None));
        }
    }

    tabs.push(Tab::new(
        "account_other",
        "Settings & other",
        records("account_other", &a.other),
    ));
    tabs
}

fn table_label(name: &str) -> String {
    let known = match Category::from_key(name) {
        Some(Category::Advertisers) => "Advertisers",
        Some(Category::Topics) => "Topics",
        Some(Category::OffMetaApps) => "Off-Meta activity",
        Some(Category::InsightsPosts) => "Post insights",
        Some(Category::SecretConversations) => "Secret conversations",
        _ => {
            let spaced = name.replace('_', " ");
            let mut chars = spaced.chars();
            return chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
        }
    };
    known.to_string()
}
