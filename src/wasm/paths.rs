//! `PathsReader`: a paths CSV read in pieces (a `File`'s stream), with a
//! preview of the counts before the journey is built.

use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::journey::Journey;
use super::options::path_options;
use super::to_js;
use crate::error::JourneyError;
use crate::paths;

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
