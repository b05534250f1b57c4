//! Posts of one kind for the open export: asked of the worker once and shared by every
//! view that shows them (the profile header, the grid, the post view, stories, reels).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use keepsake_archive::model::{Post, PostKind};
use keepsake_archive::post_ids::post_ids;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::protocol::query;
use crate::ui::hooks::{Ctx, Fetch};

/// Posts of one kind, oldest first, with their deep-link ids (same order).
#[derive(Debug, Clone, PartialEq)]
pub struct PostList {
    pub kind: PostKind,
    pub posts: Vec<Post>,
    pub ids: Vec<String>,
}

impl PostList {
    pub fn new(kind: PostKind, posts: Vec<Post>) -> Self {
        let ids = post_ids(kind, &posts);
        PostList { kind, posts, ids }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|i| i == id)
    }
}

type Waiter = Box<dyn FnOnce(Fetch<PostList>)>;

enum Slot {
    Pending(Vec<Waiter>),
    Ready(Rc<PostList>),
}

thread_local! {
    /// Parsed posts per kind, for the export that is open (keyed by its generation).
    static CACHE: RefCell<(u32, HashMap<PostKind, Slot>)> = RefCell::new((0, HashMap::new()));
}

/// Posts of `kind`, asked of the worker once per open export and shared by every view.
fn fetch_posts(ctx: &Ctx, kind: PostKind, done: impl FnOnce(Fetch<PostList>) + 'static) {
    let generation = ctx.session.generation;
    let mut done: Option<Waiter> = Some(Box::new(done));
    let ready = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.0 != generation {
            *cache = (generation, HashMap::new());
        }
        match cache.1.get_mut(&kind) {
            Some(Slot::Ready(list)) => Some(Ok(Rc::clone(list))),
            Some(Slot::Pending(waiters)) => {
                waiters.extend(done.take());
                None
            }
            None => {
                cache
                    .1
                    .insert(kind, Slot::Pending(done.take().into_iter().collect()));
                Some(Err(()))
            }
        }
    });
    match ready {
        Some(Ok(list)) => {
            if let Some(done) = done {
                done(Fetch::Ready(list))
            }
        }
        Some(Err(())) => {
            let worker = ctx.worker.clone();
            spawn_local(async move {
                let loaded = match worker.ask(query::Posts { kind }).await {
                    Ok(posts) => Fetch::Ready(Rc::new(PostList::new(kind, posts.value))),
                    Err(error) => Fetch::Failed(error),
                };
                let waiters = CACHE.with(|cache| {
                    let mut cache = cache.borrow_mut();
                    if cache.0 != generation {
                        return Vec::new();
                    }
                    let slot = match &loaded {
                        Fetch::Ready(list) => cache.1.insert(kind, Slot::Ready(Rc::clone(list))),
                        _ => cache.1.remove(&kind),
                    };
                    match slot {
                        Some(Slot::Pending(waiters)) => waiters,
                        _ => Vec::new(),
                    }
                });
                for waiter in waiters {
                    waiter(loaded.clone());
                }
            });
        }
        None => {}
    }
}

/// Posts of `kind`, loading on first use.
#[hook]
pub fn use_posts(kind: PostKind) -> Fetch<PostList> {
    let ctx = crate::ui::hooks::use_ctx();
    let state = use_state(|| Fetch::Waiting(None));
    {
        let state = state.clone();
        let generation = ctx.session.generation;
        use_effect_with((kind, generation), move |_| {
            let alive = Rc::new(std::cell::Cell::new(true));
            let still = Rc::clone(&alive);
            fetch_posts(&ctx, kind, move |loaded| {
                if still.get() {
                    state.set(loaded);
                }
            });
            move || alive.set(false)
        });
    }
    (*state).clone()
}
