//! Queries on a small hand-made index.

use super::index::Builder;
use super::target::Source;
use super::*;
use crate::instant::{Instant, Precision};
use crate::model::PostKind;

const DAY: i64 = 86_400;

fn at(date: Date, hour: i64) -> Instant {
    Instant(i64::from(date.day_number().unwrap()) * DAY + hour * 3600)
}

/// Posts on 2022-03-10, 2023-03-10 (two) and 2024-03-09…11; messages of two
/// conversations on 2024-03-10 (3 + 1).
fn sample() -> DayIndex {
    let mut b = Builder::new(Zone::utc());
    let posts = b.source(Source::Posts(PostKind::Post));
    let dates = [
        (Date::new(2022, 3, 10), 9),
        (Date::new(2023, 3, 10), 8),
        (Date::new(2023, 3, 10), 20),
        (Date::new(2024, 3, 9), 12),
        (Date::new(2024, 3, 10), 12),
        (Date::new(2024, 3, 11), 12),
    ];
    for (i, (date, hour)) in dates.into_iter().enumerate() {
        let caption = format!("post {i}");
        let media = format!("media/posts/{i}.jpg");
        let at_ = (posts, i);
        b.push_full(ItemKind::Post, at(date, hour), at_, &caption, 1, &[&media]);
    }
    for (id, count, hour) in [("a", 3, 22), ("b", 1, 7)] {
        let s = b.source(Source::Thread {
            id: id.into(),
            title: id.to_uppercase(),
        });
        let time = at(Date::new(2024, 3, 10), hour);
        b.push_full(ItemKind::Message, time, (s, 4), "", count, &[]);
    }
    b.finish(Precision::Exact)
}

#[test]
fn days_and_items_newest_first() {
    let index = sample();
    assert_eq!(index.len(), 8);
    let days: Vec<Date> = index.days().iter().map(|d| d.date).collect();
    assert_eq!(days[0], Date::new(2024, 3, 11));
    assert_eq!(days.len(), 5);
    let busy = index.day(Date::new(2024, 3, 10)).unwrap();
    assert_eq!(busy.count(ItemKind::Message), 4);
    assert_eq!(busy.count(ItemKind::Post), 1);
    assert_eq!(busy.items, 3);
    assert!(index.day(Date::new(2024, 3, 12)).is_none());
    // Within the day, the 22:00 conversation comes first.
    let first = index.item(busy.first).unwrap();
    assert_eq!(first.kind, ItemKind::Message);
    assert_eq!(first.count, 3);
    assert_eq!(
        first.target,
        Target::Message {
            thread: "a".into(),
            title: "A".into(),
            message: 4
        }
    );
}

#[test]
fn pages_group_by_day_and_filter() {
    let index = sample();
    let page = index.page(0, KindSet::ALL, 4);
    let sizes: Vec<usize> = page.groups.iter().map(|g| g.items.len()).collect();
    assert_eq!(sizes, [1, 3]);
    assert_eq!(page.next, Some(4));
    let rest = index.page(4, KindSet::ALL, 100);
    assert_eq!(rest.next, None);
    assert_eq!(rest.groups.iter().map(|g| g.items.len()).sum::<usize>(), 4);
    let posts = index.page(0, KindSet::only(ItemKind::Post), 100);
    let n: usize = posts.groups.iter().map(|g| g.items.len()).sum();
    assert_eq!(n, 6);
    let p = &posts.groups[0].items[0];
    assert_eq!(p.media, ["media/posts/5.jpg"]);
    assert_eq!(p.label, "post 5");
    assert_eq!(
        p.target,
        Target::Post {
            kind: PostKind::Post,
            index: 5
        }
    );
    assert!(
        index
            .page(0, KindSet::only(ItemKind::Like), 10)
            .groups
            .is_empty()
    );
    assert!(index.page(u32::MAX, KindSet::ALL, 10).groups.is_empty());
}

#[test]
fn jumps_land_at_or_before_the_date() {
    let index = sample();
    // End of 2023: the newest 2023 post (20:00 on 10 March).
    let pos = index
        .jump(Date::end_of_month(2023, 12), KindSet::ALL)
        .unwrap();
    let item = index.item(pos).unwrap();
    assert_eq!(item.date, Date::new(2023, 3, 10));
    assert_eq!(item.time, at(Date::new(2023, 3, 10), 20));
    assert_eq!(index.jump(Date::new(2022, 3, 9), KindSet::ALL), None);
    // Messages only: the first message item is on 10 March 2024.
    let pos = index
        .jump(Date::new(2030, 1, 1), KindSet::only(ItemKind::Message))
        .unwrap();
    assert_eq!(index.item(pos).unwrap().kind, ItemKind::Message);
    assert_eq!(index.jump(Date::new(2024, 2, 30), KindSet::ALL), None);
    assert_eq!(index.years(KindSet::ALL), [2024, 2023, 2022]);
    assert_eq!(index.years(KindSet::only(ItemKind::Message)), [2024]);
}

#[test]
fn heat_maps_count_busiest_days_and_streaks() {
    let index = sample();
    let map = index.heat_map(2024, KindSet::ALL);
    assert_eq!(map.counts.len(), 366);
    let cell = |d: Date| {
        let i = d.day_number().unwrap() - map.first.day_number().unwrap();
        map.counts[usize::try_from(i).unwrap()]
    };
    assert_eq!(cell(Date::new(2024, 3, 10)), 5);
    assert_eq!(cell(Date::new(2024, 3, 9)), 1);
    assert_eq!(map.total, 7);
    assert_eq!(map.busiest[0], (Date::new(2024, 3, 10), 5));
    assert_eq!(map.busiest[1], (Date::new(2024, 3, 9), 1));
    let streak = map.streak.unwrap();
    assert_eq!((streak.first, streak.days), (Date::new(2024, 3, 9), 3));
    let messages = index.heat_map(2024, KindSet::only(ItemKind::Message));
    assert_eq!(messages.total, 4);
    assert_eq!(messages.streak.unwrap().days, 1);
    assert_eq!(index.heat_map(2023, KindSet::ALL).counts.len(), 365);
    assert!(index.heat_map(i64::MAX, KindSet::ALL).counts.is_empty());
    let all = index.longest_streak(KindSet::ALL).unwrap();
    assert_eq!(
        (all.first, all.last),
        (Date::new(2024, 3, 9), Date::new(2024, 3, 11))
    );
    assert_eq!(index.longest_streak(KindSet::only(ItemKind::Like)), None);
}

#[test]
fn on_this_day_in_earlier_years() {
    let index = sample();
    let groups = index.on_this_day(Date::new(2025, 3, 10), KindSet::ALL, 2);
    let years: Vec<i64> = groups.iter().map(|g| g.year).collect();
    assert_eq!(years, [2024, 2023, 2022]);
    assert_eq!((groups[0].items.len(), groups[0].more), (2, 1));
    assert_eq!(groups[1].items.len(), 2);
    assert!(groups[1].items.iter().all(|i| i.media.len() == 1));
    // Only years before today's.
    let groups = index.on_this_day(Date::new(2024, 3, 10), KindSet::ALL, 10);
    assert_eq!(groups.len(), 2);
    let posts = index.on_this_day(Date::new(2025, 3, 10), KindSet::only(ItemKind::Post), 10);
    assert_eq!(posts[0].items.len(), 1);
}

#[test]
fn an_offset_moves_items_across_midnight() {
    let build = |zone: Zone| {
        let mut b = Builder::new(zone);
        let s = b.source(Source::ProfilePhotos);
        b.push(
            ItemKind::ProfilePhoto,
            at(Date::new(2024, 3, 10), 23),
            (s, 0),
            "",
        );
        b.finish(Precision::Exact)
    };
    assert!(build(Zone::utc()).day(Date::new(2024, 3, 10)).is_some());
    let east = build(Zone::fixed(2 * 3600));
    assert!(east.day(Date::new(2024, 3, 11)).is_some());
    assert!(east.day(Date::new(2024, 3, 10)).is_none());
    assert_eq!(east.zone(), &Zone::fixed(7200));
}
