//! The one error a question to the worker can end in, with one wording per failure:
//! every view says the same thing for the same problem.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerError {
    /// A question that needs an open export came before one was opened.
    NotOpen,
    /// The thing asked for is not in the export (a conversation, a file).
    NotFound(Missing),
    /// Reading the user's files failed; the engine's message says why in plain words.
    Read(String),
    /// The question was withdrawn before it was answered.
    Cancelled,
    /// The worker stopped (a bug, or the browser ended it); the files can be reopened.
    Stopped,
    /// The worker could not be started at all.
    Unavailable(String),
    /// A message between page and worker could not be read: two builds mixed, or a bug.
    Garbled(String),
}

/// What was looked for and not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    Conversation,
    File,
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotOpen => write!(f, "No export is open."),
            Self::NotFound(Missing::Conversation) => {
                write!(f, "This conversation is not in the export.")
            }
            Self::NotFound(Missing::File) => write!(f, "This file is not in the export."),
            Self::Read(message) => write!(f, "{message}"),
            Self::Cancelled => write!(f, "This was cancelled."),
            Self::Stopped => write!(
                f,
                "The archive reader stopped. Reopen the same files to continue."
            ),
            Self::Unavailable(reason) => write!(
                f,
                "The archive reader could not start ({reason}). Reload the page."
            ),
            Self::Garbled(detail) => write!(
                f,
                "The archive reader sent an answer this page cannot read ({detail}). \
                 Reload the page."
            ),
        }
    }
}

impl From<keepsake_archive::ArchiveError> for WorkerError {
    fn from(error: keepsake_archive::ArchiveError) -> Self {
        match error {
            keepsake_archive::ArchiveError::NotFound(_) => Self::NotFound(Missing::File),
            other => Self::Read(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_has_its_own_plain_wording() {
        let all = [
            WorkerError::NotOpen,
            WorkerError::NotFound(Missing::Conversation),
            WorkerError::NotFound(Missing::File),
            WorkerError::Read("This file is not a ZIP archive.".into()),
            WorkerError::Cancelled,
            WorkerError::Stopped,
            WorkerError::Unavailable("no workers".into()),
            WorkerError::Garbled("expected value".into()),
        ];
        let texts: Vec<String> = all.iter().map(ToString::to_string).collect();
        for (i, text) in texts.iter().enumerate() {
            assert!(text.ends_with('.'), "{text}");
            assert!(
                !text.contains("Reply") && !text.contains("Request"),
                "{text}"
            );
            assert!(texts[..i].iter().all(|t| t != text), "{text} twice");
        }
    }

    #[test]
    fn a_missing_entry_reads_as_a_missing_file() {
        let error = keepsake_archive::ArchiveError::NotFound("media/x.jpg".into());
        assert_eq!(
            WorkerError::from(error),
            WorkerError::NotFound(Missing::File)
        );
    }
}
