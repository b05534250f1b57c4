//! Questions waiting for a long job, in the order they came.

use crate::protocol::AnyQuery;
use crate::protocol::query::Job;

#[derive(Default)]
pub struct Waiting {
    questions: Vec<(u32, AnyQuery, Job)>,
}

impl Waiting {
    pub fn add(&mut self, id: u32, query: AnyQuery, job: Job) {
        self.questions.push((id, query, job));
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// The job the oldest waiting question needs.
    pub fn next_job(&self) -> Option<Job> {
        self.questions.first().map(|(_, _, job)| *job)
    }

    pub fn ids(&self, job: Job) -> Vec<u32> {
        self.questions
            .iter()
            .filter(|(_, _, j)| *j == job)
            .map(|(id, _, _)| *id)
            .collect()
    }

    /// Every question waiting for `job`, removed.
    pub fn take(&mut self, job: Job) -> Vec<(u32, AnyQuery)> {
        let (taken, kept) = std::mem::take(&mut self.questions)
            .into_iter()
            .partition(|(_, _, j)| *j == job);
        self.questions = kept;
        taken
            .into_iter()
            .map(|(id, query, _)| (id, query))
            .collect()
    }

    /// Removes question `id`. A job no one waits for any more is no longer run: it
    /// pauses where it stands and goes on from there when it is asked for again.
    pub fn withdraw(&mut self, id: u32) {
        self.questions.retain(|(i, _, _)| *i != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::query::{Catalog, Profile};

    fn catalog() -> AnyQuery {
        Catalog.into()
    }

    #[test]
    fn a_job_runs_while_a_question_waits_for_it() {
        let mut waiting = Waiting::default();
        waiting.add(1, catalog(), Job::Catalog);
        waiting.add(2, catalog(), Job::Catalog);
        waiting.withdraw(1);
        waiting.withdraw(7);
        assert_eq!(waiting.ids(Job::Catalog), vec![2]);
        assert_eq!(waiting.next_job(), Some(Job::Catalog));
        waiting.withdraw(2);
        assert!(waiting.is_empty());
        assert_eq!(waiting.next_job(), None, "no one waits: the job pauses");
    }

    #[test]
    fn a_finished_job_answers_its_questions_in_order() {
        let mut waiting = Waiting::default();
        waiting.add(3, catalog(), Job::Catalog);
        waiting.add(5, Profile.into(), Job::Catalog);
        assert_eq!(waiting.next_job(), Some(Job::Catalog));
        let ids: Vec<u32> = waiting
            .take(Job::Catalog)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids, vec![3, 5]);
        assert_eq!(waiting.next_job(), None);
    }
}
