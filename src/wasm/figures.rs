//! The figures of a `Journey` (SPEC section 3 and after): the exact
//! analysis, the simulation, what to fix first, sensitivity, removal
//! effects, attribution, comparison and explanation. Each is a call into
//! the core, converted at the boundary and nothing more.

use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::journey::Journey;
use super::options::{
    from_js, sim_options, sim_options_within, AnalyzeOptions, OpportunityOptions,
    SensitivityOptions,
};
use super::to_js;
use crate::{analysis, compare, simulate};

#[wasm_bindgen]
impl Journey {
    /// The exact analysis (SPEC section 3). Throws `no_entry` or
    /// `closed_loop` (with `touchpoints`) when the journey cannot be
    /// analysed. `{touchpoints: false}` leaves the per-touchpoint figures
    /// out (an empty object), which is much cheaper on large journeys when
    /// only the totals are shown.
    ///
    /// ```js
    /// const { success, dropout, meanFelt, touchpoints } = j.analyze();
    /// const totals = j.analyze({ touchpoints: false });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ touchpoints?: boolean } | undefined")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let o: AnalyzeOptions = from_js(options, "/options")?;
        let prepared = self.prepared()?;
        let out = to_js(prepared.totals())?;
        if o.touchpoints.unwrap_or(true) {
            let by_id = super::marshal::figures_by_id(self.model(), &prepared.columns());
            js_sys::Reflect::set(&out, &"touchpoints".into(), &by_id)?;
        }
        Ok(out)
    }

    /// Seeded Monte Carlo of the remembered experience. Same journey,
    /// customers and seed give the same numbers everywhere. `maxMoments`
    /// caps the work (moments = customer-steps; a run costs about
    /// `expectedTouchpoints × customers`): the result then covers the
    /// customers simulated (`customers`, of `requested`, with
    /// `budgetExhausted`). For a run in pieces, use `Simulator`.
    ///
    /// ```js
    /// const sim = j.simulate({ customers: 10000, seed: 1 });
    /// console.log(sim.remembered.mean, "±", sim.remembered.halfWidth);
    /// const quick = j.simulate({ customers: 10000, seed: 1, maxMoments: 200000 });
    /// if (quick.budgetExhausted) console.log(`simulated ${quick.customers} of ${quick.requested}`);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Simulation")]
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SimulateOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (opts, max_moments) = sim_options_within(options)?;
        let s =
            simulate::simulate_within(self.model(), opts, max_moments).map_err(|e| js_error(&e))?;
        to_js(&s)
    }

    /// Every touchpoint ranked by what raising its emotion by `delta`
    /// (default 0.5, capped at 1) would gain, exactly; best first.
    ///
    /// ```js
    /// const [best] = j.opportunities({ delta: 0.5 });
    /// console.log(`Fix ${best.name} first: +${(best.successGain * 100).toFixed(1)} points of success`);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Opportunity[]")]
    pub fn opportunities(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ delta?: number } | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let o: OpportunityOptions = from_js(options, "/options")?;
        let delta = o.delta.unwrap_or(0.5);
        let list = analysis::opportunities(self.model(), delta).map_err(|e| js_error(&e))?;
        to_js(&list)
    }

    /// How sure: how far success and the remembered experience move if each
    /// assumed emotion, dropout or start share is off by `amount` (default
    /// 0.2), exactly (slopes and recomputed spans); the one that matters
    /// most first. Values marked measured in a touchpoint's `basis` are
    /// left out.
    ///
    /// ```js
    /// const [top] = j.sensitivity({ amount: 0.2 }).assumptions;
    /// console.log(top.name, top.parameter, top.success?.atLow, top.success?.atHigh);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Sensitivity")]
    pub fn sensitivity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ amount?: number } | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let o: SensitivityOptions = from_js(options, "/options")?;
        let s = analysis::sensitivity(self.model(), o.amount.unwrap_or(0.2))
            .map_err(|e| js_error(&e))?;
        to_js(&s)
    }

    /// The removal effect of every touchpoint, `{[id]: number}`.
    ///
    /// ```js
    /// const re = j.removalEffects(); // e.g. { "checkout": 0.42, ... }
    /// ```
    #[wasm_bindgen(js_name = removalEffects, unchecked_return_type = "Record<string, number>")]
    pub fn removal_effects(&self) -> Result<JsValue, JsValue> {
        let re = self.prepared()?.removal_effects(self.model());
        Ok(super::marshal::numbers_by_id(self.model(), re.values()))
    }

    /// Credit for every channel (non-goal touchpoint) under the first-order
    /// Markov attribution model: removal effect, share, attributed
    /// conversions and value (from the observed totals of a journey fitted
    /// from paths). Largest share first.
    ///
    /// ```js
    /// for (const a of j.attribution()) console.log(a.name, a.conversions.toFixed(1));
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Attribution[]")]
    pub fn attribution(&self) -> Result<JsValue, JsValue> {
        let a = crate::paths::attribution_of(self.model(), &*self.prepared()?);
        to_js(&a)
    }

    /// A scenario (its id in this journey, or a scenario object) beside the
    /// baseline: every figure of both and their difference. The baseline
    /// is not changed.
    ///
    /// ```js
    /// const { delta } = j.compare("next-day-delivery");
    /// const custom = j.compare({ id: "x", name: "Calmer IVR", changes: [{ touchpoint: "ivr", emotionBy: 0.5 }] });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn compare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Scenario")] scenario: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SimulateOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sc = self.scenario_arg(scenario)?;
        let opts = sim_options(options)?;
        let c = compare::compare(self.model(), &sc, opts).map_err(|e| js_error(&e))?;
        to_js(&c)
    }

    /// Why a scenario (id or object) moves the figures, exactly and without
    /// simulating: each touchpoint its changes name, before and after.
    ///
    /// ```js
    /// for (const m of j.explain("next-day-delivery"))
    ///   console.log(`${m.name}: dropout ${m.dropoutBefore} → ${m.dropoutAfter}, reached by ${m.reachBefore}`);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Move[]")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Scenario")] scenario: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sc = self.scenario_arg(scenario)?;
        let m = compare::explain(self.model(), &sc).map_err(|e| js_error(&e))?;
        to_js(&m)
    }

    /// Each touchpoint's share of the customers who start there,
    /// `{[id]: number}` summing to 1, whatever the entries hold (shares, or
    /// a fitted journey's counts of first touches). No solve.
    ///
    /// ```js
    /// const shares = j.entryShares(); // e.g. { "tiktok": 0.34, ... }
    /// ```
    #[wasm_bindgen(js_name = entryShares, unchecked_return_type = "Record<string, number>")]
    pub fn entry_shares(&self) -> Result<JsValue, JsValue> {
        let shares = analysis::entry_shares(self.model()).map_err(|e| js_error(&e))?;
        Ok(super::marshal::numbers_by_id(self.model(), shares.values()))
    }
}
