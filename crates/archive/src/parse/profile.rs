//! The profile: `personal_information.json` (`profile_user` rows with localized labels),
//! profile photos, `instagram_profile_information.json`, `profile_based_in.json`, and
//! Era A `profile.json` + `media.json#profile`.

use super::files::FileName;
use super::{Ctx, JsonFile, Parsed, legacy, non_empty, posts, provenance};
use crate::blocks::{ROW_KEYS, Row};
use crate::container::Archive;
use crate::labels::Field;
use crate::model::Profile;

/// Instagram's placeholder birthday.
const PLACEHOLDER_BIRTHDAY: &str = "1919-01-01";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Personal,
    Photos,
    Facts,
    Legacy,
}

fn kind_of(f: &FileName<'_>) -> Option<Kind> {
    if !f.document || f.under("threads") {
        return None;
    }
    match f.stem {
        "personal_information" => Some(Kind::Personal),
        "profile_photos" => Some(Kind::Photos),
        "instagram_profile_information" | "profile_based_in" | "account_based_in" => {
            Some(Kind::Facts)
        }
        "profile" if f.at_root() => Some(Kind::Legacy),
        _ => None,
    }
}

pub(crate) fn claims(f: &FileName<'_>) -> bool {
    kind_of(f).is_some()
}

pub fn parse(archive: &mut Archive) -> Parsed<Profile> {
    Ctx::run(archive, read)
}

fn read(ctx: &mut Ctx<'_>) -> Profile {
    let mut p = Profile::default();
    for (file, kind) in ctx.matching(|f| kind_of(&FileName::of(&f.path))) {
        p.provenance.push(provenance(&file));
        match kind {
            Kind::Personal => personal(ctx, &file, &mut p),
            Kind::Photos => photos(ctx, &file, &mut p),
            Kind::Facts => {
                for row in ctx.rows::<Row>(&file, ROW_KEYS).into_all() {
                    p.facts.extend(row.fields());
                }
            }
            Kind::Legacy => legacy_profile(ctx, &file, &mut p),
        }
    }
    // Era A: profile pictures are a `media.json` group.
    for (file, ()) in ctx.matching(|f| posts::is_legacy_media(&FileName::of(&f.path)).then_some(()))
    {
        let rows = ctx.rows::<legacy::Media>(&file, legacy::MEDIA_KEYS);
        for (key, group) in rows.groups {
            if key == "profile" {
                p.photos
                    .extend(group.iter().filter_map(|m| posts::legacy_item(ctx, m)));
            }
        }
    }
    // One photo may be named twice (personal information and the photo index), and in
    // HTML exports the first copy has no time: keep the timed copy of each file.
    p.photos.sort_by_key(|i| (i.created.is_none(), i.created));
    let mut seen = std::collections::HashSet::new();
    p.photos.retain(|i| seen.insert(i.media.uri.clone()));
    p.photos.sort_by_key(|i| i.created);
    p
}

fn set(slot: &mut String, value: Option<String>) {
    if slot.is_empty()
        && let Some(v) = value
    {
        *slot = v;
    }
}

fn personal(ctx: &mut Ctx<'_>, file: &JsonFile, p: &mut Profile) {
    for row in ctx.rows::<Row>(file, ROW_KEYS).into_all() {
        set(&mut p.username, row.text(Field::Username));
        set(&mut p.name, row.text(Field::Name));
        set(&mut p.bio, row.text(Field::Bio));
        set(&mut p.website, row.text(Field::Website));
        p.email = p.email.take().or_else(|| row.text(Field::Email));
        p.phone = p.phone.take().or_else(|| row.text(Field::PhoneNumber));
        p.gender = p.gender.take().or_else(|| row.text(Field::Gender));
        p.birthday = p
            .birthday
            .take()
            .or_else(|| row.text(Field::DateOfBirth))
            .filter(|b| b != PLACEHOLDER_BIRTHDAY);
        p.private = p
            .private
            .or_else(|| row.text(Field::PrivateAccount).map(|v| truthy(&v)));
        let known = [
            Field::Username,
            Field::Name,
            Field::Bio,
            Field::Website,
            Field::Email,
            Field::PhoneNumber,
            Field::Gender,
            Field::DateOfBirth,
            Field::PrivateAccount,
        ];
        for (label, entry) in &row.string_map_data.0 {
            if !known.iter().any(|f| f.matches(label)) && !entry.value.is_empty() {
                p.facts.push((label.clone(), entry.value.clone()));
            }
        }
        for (label, m) in &row.media_map_data.0 {
            if Field::ProfilePhoto.matches(label)
                && let Some(item) = ctx.media_item(m)
            {
                p.photos.push(item);
            }
        }
    }
}

fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_lowercase().as_str(),
        "true" | "yes" | "1" | "waar" | "ja" | "wahr" | "verdadero" | "sí" | "si"
    )
}

fn photos(ctx: &mut Ctx<'_>, file: &JsonFile, p: &mut Profile) {
    for row in ctx.rows::<Row>(file, ROW_KEYS).into_all() {
        let photos = row.media_objects();
        p.photos
            .extend(photos.iter().filter_map(|m| ctx.media_item(m)));
    }
}

fn legacy_profile(ctx: &mut Ctx<'_>, file: &JsonFile, p: &mut Profile) {
    let Some(doc) = ctx.document::<legacy::Profile>(file) else {
        return;
    };
    set(&mut p.username, non_empty(doc.username));
    set(&mut p.name, non_empty(doc.name));
    set(&mut p.bio, non_empty(doc.biography));
    set(&mut p.website, non_empty(doc.website));
    p.email = p.email.take().or(non_empty(doc.email));
    p.phone = p.phone.take().or(non_empty(doc.phone_number));
    p.gender = p.gender.take().or(non_empty(doc.gender));
    p.birthday = p
        .birthday
        .take()
        .or(non_empty(doc.date_of_birth))
        .filter(|b| b != PLACEHOLDER_BIRTHDAY);
    p.private = p.private.or(doc.private_account.map(|t| truthy(&t.0)));
    p.joined = p.joined.or(doc.date_joined);
}

#[cfg(test)]
mod tests {
    use super::truthy;

    #[test]
    fn booleans() {
        assert!(truthy("True") && truthy("Waar") && !truthy("False") && !truthy(""));
    }
}
