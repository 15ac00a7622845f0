//! The one error type of the generator. Every message says where the problem
//! is (a file, a shape id, a JSON path) and what was expected there, because
//! the person reading it is editing a model, not our code.

use std::path::PathBuf;

/// Everything that can go wrong between reading a model and producing files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A model file could not be read.
    #[error("{}: cannot read the model: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: std::io::Error,
    },
    /// A model file is not valid JSON.
    #[error("{file}:{line}:{column}: invalid JSON: {message}")]
    Json {
        /// The file.
        file: String,
        /// Where in the file (1-based).
        line: usize,
        /// Where in the line (1-based).
        column: usize,
        /// The JSON parser's message.
        message: String,
    },
    /// The JSON is well formed but is not a valid Smithy model.
    #[error("{file}: {at}: {message}")]
    Model {
        /// The file.
        file: String,
        /// A shape id (`ns#Shape$member`) or a JSON path (`$.shapes["ns#X"].type`).
        at: String,
        /// What is wrong, and what was expected.
        message: String,
    },
    /// The model is valid Smithy, but asks for something this generator
    /// cannot turn into Rust (a selection that names nothing, a name collision).
    #[error("{at}: {message}")]
    Generate {
        /// The shape ids concerned.
        at: String,
        /// What cannot be generated, and how to fix the model.
        message: String,
    },
    /// Emitted Rust did not parse: always a bug in the generator.
    #[error("generator bug: {file} is not valid Rust: {message}")]
    Render {
        /// The crate file.
        file: String,
        /// The parser's message.
        message: String,
    },
}

impl Error {
    pub(crate) fn model(file: &str, at: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Model {
            file: file.to_owned(),
            at: at.into(),
            message: message.into(),
        }
    }

    pub(crate) fn generate(at: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Generate {
            at: at.into(),
            message: message.into(),
        }
    }
}

/// A result whose error is the generator's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
