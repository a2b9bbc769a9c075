//! `Simulator`: the simulation of a journey run in pieces, so that a page
//! (or its worker) can spend a few milliseconds at a time on it, show
//! progress, and drop a run that a newer edit made stale. The figures of a
//! finished run are bit for bit those of `journey.simulate()`.

use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::journey::Journey;
use super::options::{sim_options, whole_number, MAX_SAFE};
use super::to_js;
use crate::simulate;

/// A simulation in pieces. It copies what it needs from the journey, so
/// later edits of the journey do not change it.
///
/// ```js
/// const sim = new Simulator(journey, { customers: 10000, seed: 1 });
/// while (!sim.run(100000)) await nextTask();   // 100,000 moments a piece
/// const figures = sim.result();                 // as journey.simulate({ customers: 10000, seed: 1 })
/// sim.free();
/// ```
#[wasm_bindgen]
pub struct Simulator {
    inner: simulate::Simulator,
}

#[wasm_bindgen]
impl Simulator {
    /// Prepares the simulation of `customers` customers (default 10,000)
    /// from `seed` (default 1). Throws as `journey.simulate()` does
    /// (`out_of_range`, `no_entry`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        journey: &Journey,
        #[wasm_bindgen(unchecked_param_type = "SimulateOptions | undefined")] options: JsValue,
    ) -> Result<Simulator, JsValue> {
        let opts = sim_options(options)?;
        simulate::Simulator::new(journey.model(), opts)
            .map(|inner| Simulator { inner })
            .map_err(|e| js_error(&e))
    }

    /// Advances by at most `maxMoments` moments (customer-steps; a walk may
    /// pause between two moments). Returns whether every customer has been
    /// simulated. Throws `out_of_range` unless `maxMoments` is a whole
    /// number from 1 to 2^53 − 1.
    pub fn run(
        &mut self,
        #[wasm_bindgen(js_name = maxMoments)] max_moments: f64,
    ) -> Result<bool, JsValue> {
        let max = whole_number(max_moments, 1.0, MAX_SAFE, "maxMoments")?;
        Ok(self.inner.run(max as u64))
    }

    /// Whether every customer asked for has been simulated.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.inner.is_done()
    }

    /// Customers asked for.
    #[wasm_bindgen(getter)]
    pub fn requested(&self) -> u32 {
        self.inner.requested()
    }

    /// Customers simulated so far.
    #[wasm_bindgen(getter)]
    pub fn simulated(&self) -> u32 {
        self.inner.simulated()
    }

    /// Moments of the customers simulated so far.
    #[wasm_bindgen(getter)]
    pub fn moments(&self) -> f64 {
        self.inner.moments() as f64
    }

    /// Share of the customers simulated so far, 0 to 1.
    #[wasm_bindgen(getter)]
    pub fn progress(&self) -> f64 {
        self.inner.simulated() as f64 / self.inner.requested().max(1) as f64
    }

    /// The figures over the customers simulated so far (`budgetExhausted`
    /// while the run is not done), or undefined before the first
    /// customer's walk has ended.
    #[wasm_bindgen(unchecked_return_type = "Simulation | undefined")]
    pub fn result(&self) -> Result<JsValue, JsValue> {
        match self.inner.result() {
            Some(s) => to_js(&s),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}
