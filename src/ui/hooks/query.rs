//! Asking the worker and showing the answer: the one way components fetch parsed data.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::protocol::{Progress, Query, WorkerError};
use crate::ui::hooks::use_ctx;

/// Where a question stands.
#[derive(Debug)]
pub enum Fetch<T> {
    /// Not answered yet; a long job says how far it is.
    Waiting(Option<Progress>),
    Ready(Rc<T>),
    Failed(WorkerError),
}

impl<T> Clone for Fetch<T> {
    fn clone(&self) -> Self {
        match self {
            Fetch::Waiting(p) => Fetch::Waiting(p.clone()),
            Fetch::Ready(answer) => Fetch::Ready(Rc::clone(answer)),
            Fetch::Failed(e) => Fetch::Failed(e.clone()),
        }
    }
}

impl<T> PartialEq for Fetch<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Fetch::Waiting(a), Fetch::Waiting(b)) => a == b,
            (Fetch::Ready(a), Fetch::Ready(b)) => Rc::ptr_eq(a, b),
            (Fetch::Failed(a), Fetch::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl<T> Fetch<T> {
    pub fn ready(&self) -> Option<&Rc<T>> {
        match self {
            Fetch::Ready(answer) => Some(answer),
            _ => None,
        }
    }

    /// True once answered, either way.
    pub fn settled(&self) -> bool {
        !matches!(self, Fetch::Waiting(_))
    }
}

/// Counts questions, so an answer can tell whether its question is still the current one.
#[derive(Debug, Default)]
pub struct Generation(u64);

impl Generation {
    /// A new current question; earlier ones are stale from now on.
    pub fn advance(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }

    pub fn is_current(&self, generation: u64) -> bool {
        self.0 == generation
    }
}

/// The answer held for `asked`, as seen by a view that now asks `current`: an answer to
/// another question is never shown.
pub fn answer_for<Q: PartialEq, T>(held: &(Q, Fetch<T>), current: &Q) -> Fetch<T> {
    if held.0 == *current {
        held.1.clone()
    } else {
        Fetch::Waiting(None)
    }
}

/// Sends `query` and holds its answer; asks again whenever the query changes, withdraws
/// the previous question and drops any answer to it.
#[hook]
pub fn use_query<Q: Query>(query: Q) -> Fetch<Q::Answer> {
    let ctx = use_ctx();
    let held = use_state(|| (query.clone(), Fetch::<Q::Answer>::Waiting(None)));
    let generation = use_mut_ref(Generation::default);
    {
        let held = held.clone();
        let worker = ctx.worker.clone();
        use_effect_with(query.clone(), move |query| {
            let asked = generation.borrow_mut().advance();
            held.set((query.clone(), Fetch::Waiting(None)));
            let current = move |g: &Rc<RefCell<Generation>>| g.borrow().is_current(asked);
            let progress = {
                let (held, generation, query) = (held.clone(), generation.clone(), query.clone());
                Callback::from(move |p: Progress| {
                    if current(&generation) {
                        held.set((query.clone(), Fetch::Waiting(Some(p))));
                    }
                })
            };
            let ticket = {
                let query = query.clone();
                worker.send(query.clone(), &[], Some(progress), move |answer| {
                    if current(&generation) {
                        held.set((
                            query,
                            match answer {
                                Ok(answer) => Fetch::Ready(Rc::new(answer)),
                                Err(error) => Fetch::Failed(error),
                            },
                        ));
                    }
                })
            };
            move || worker.cancel(ticket)
        });
    }
    answer_for(&held, &query)
}

/// A failed question, said plainly: the same words in every view.
pub fn failure(error: &WorkerError) -> Html {
    html! { <div class="notice error" role="alert"><p>{ error.to_string() }</p></div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_question_is_current() {
        let mut generation = Generation::default();
        let first = generation.advance();
        assert!(generation.is_current(first));
        let second = generation.advance();
        assert!(!generation.is_current(first), "a stale answer is dropped");
        assert!(generation.is_current(second));
    }

    #[test]
    fn an_answer_to_another_question_is_never_shown() {
        let held = ("thread a", Fetch::Ready(Rc::new(42)));
        assert_eq!(
            answer_for(&held, &"thread a").ready().map(|a| **a),
            Some(42)
        );
        assert!(matches!(
            answer_for(&held, &"thread b"),
            Fetch::Waiting(None)
        ));
    }
}
