//! `PathsReader`: a paths CSV read in pieces (a `File`'s stream), with a
//! preview of the counts before the journey is built.

use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::journey::Journey;
use super::to_js;
use crate::error::JourneyError;
use crate::paths::{self, PathOptions};

/// Reads a paths CSV piece by piece.
///
/// ```js
/// const reader = new PathsReader({ separator: ">" });
/// for await (const chunk of file.stream()) reader.push(chunk);
/// reader.push("\n");                       // a file may lack its last line break; blank lines are skipped
/// console.log(reader.summary());            // preview: rows, channels, conversions …
/// const journey = reader.finish();          // the reader is used up
/// ```
#[wasm_bindgen]
pub struct PathsReader {
    inner: Option<paths::PathsReader>,
}

#[wasm_bindgen]
impl PathsReader {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PathOptions | undefined")] options: JsValue,
    ) -> Result<PathsReader, JsValue> {
        Ok(PathsReader {
            inner: Some(paths::PathsReader::new(path_options(options)?)),
        })
    }

    /// Reads the next piece: bytes (a Uint8Array from a stream) or text.
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] chunk: JsValue,
    ) -> Result<(), JsValue> {
        let reader = self.reader()?;
        let result = match chunk.as_string() {
            Some(text) => reader.push(text.as_bytes()),
            None if chunk.is_instance_of::<js_sys::Uint8Array>() => {
                reader.push(&js_sys::Uint8Array::new(&chunk).to_vec())
            }
            None => {
                return Err(js_error(&JourneyError::Schema {
                    path: "/chunk".into(),
                    detail: "push() takes text or a Uint8Array (a piece of the file).".into(),
                }))
            }
        };
        result.map_err(|e| js_error(&e))
    }

    /// The counts of the rows read so far. A row is counted once its line
    /// break is read (or at `finish()`), since until then it may go on.
    #[wasm_bindgen(unchecked_return_type = "PathSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        match &self.inner {
            Some(r) => to_js(&r.summary()),
            None => Err(used_up()),
        }
    }

    /// Ends the file and fits the journey; the reader cannot be used again.
    pub fn finish(&mut self) -> Result<Journey, JsValue> {
        let reader = self.inner.take().ok_or_else(used_up)?;
        reader.finish().map(Journey::wrap).map_err(|e| js_error(&e))
    }
}

impl PathsReader {
    fn reader(&mut self) -> Result<&mut paths::PathsReader, JsValue> {
        self.inner.as_mut().ok_or_else(used_up)
    }
}

fn used_up() -> JsValue {
    js_error(&JourneyError::InvalidEdit {
        path: String::new(),
        detail: "This PathsReader has finished; make a new one for another file.".to_string(),
    })
}

#[derive(serde::Deserialize, Default)]
struct Options {
    separator: Option<String>,
    delimiter: Option<String>,
}

/// Reads `{separator, delimiter}`; the delimiter is one ASCII character.
pub(crate) fn path_options(value: JsValue) -> Result<PathOptions, JsValue> {
    let o: Options = if value.is_undefined() || value.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| {
            js_error(&JourneyError::Schema {
                path: "/options".into(),
                detail: format!("/options: {e}"),
            })
        })?
    };
    let mut options = PathOptions::default();
    if let Some(sep) = o.separator {
        if sep.is_empty() {
            return Err(js_error(&JourneyError::OutOfRange {
                path: "/separator".into(),
                detail: "The path separator cannot be empty.".into(),
            }));
        }
        options.separator = sep;
    }
    if let Some(d) = o.delimiter {
        match d.as_bytes() {
            [b] if b.is_ascii() => options.delimiter = *b,
            _ => {
                return Err(js_error(&JourneyError::OutOfRange {
                    path: "/delimiter".into(),
                    detail: format!("The column delimiter must be one ASCII character, not {d:?}."),
                }))
            }
        }
    }
    Ok(options)
}
