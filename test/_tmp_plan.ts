import { buildPlan } from "../offline/plan/plan";
import { formatPlan } from "../offline/plan/format";
(async () => { const p = await buildPlan(); console.log(formatPlan(p).split("== Monthly")[1]); console.log(p.policy.violations); })();
