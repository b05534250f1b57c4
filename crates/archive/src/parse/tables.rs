//! Files with a known meaning but no dedicated type (ads, topics, insights, the Threads
//! app, …), read as generic record tables under a stable name.

use super::files::FileName;
use super::{Ctx, Parsed, generic};
use crate::category::Category;
use crate::container::Archive;
use crate::model::RecordTable;

/// The table name for a file, if it is one of these: its category's key, which the
/// catalog counts it under.
fn name_of(f: &FileName<'_>) -> Option<&'static str> {
    if !f.document {
        return None;
    }
    let category = match f.stem {
        "advertisers_using_your_activity_or_information" => Category::Advertisers,
        "your_topics" => Category::Topics,
        "your_activity_off_meta_technologies" => Category::OffMetaApps,
        "posts" if f.dir == "past_instagram_insights" => Category::InsightsPosts,
        "threads_and_replies" => Category::ThreadsAppPosts,
        "secret_conversations" => Category::SecretConversations,
        _ => return None,
    };
    Some(category.key())
}

pub(crate) fn claims(f: &FileName<'_>) -> bool {
    name_of(f).is_some()
}

pub fn parse(archive: &mut Archive) -> Parsed<Vec<RecordTable>> {
    Ctx::run(archive, read)
}

fn read(ctx: &mut Ctx<'_>) -> Vec<RecordTable> {
    let mut out = Vec::new();
    for (file, name) in ctx.matching(|f| name_of(&FileName::of(&f.path))) {
        out.extend(generic::read_tables(ctx, &file, name));
    }
    out
}

/// JSON files no parser reads, each as tables named by its path.
pub fn other_files(archive: &mut Archive) -> Parsed<Vec<RecordTable>> {
    Ctx::run(archive, |ctx| {
        let mut out = Vec::new();
        for (file, ()) in ctx.matching(|f| (!super::is_claimed(&f.path)).then_some(())) {
            let name = file.path.clone();
            out.extend(generic::read_tables(ctx, &file, &name));
        }
        out
    })
}

/// Paths of the JSON files no parser reads.
pub fn unclaimed(archive: &mut Archive) -> Vec<String> {
    let ctx = Ctx::new(archive);
    ctx.files
        .iter()
        .filter(|f| !super::is_claimed(&f.path))
        .map(|f| f.path.clone())
        .collect()
}
