/**
 * Limits AWS states in its documentation but not as constraints in the API models, each
 * with the sentence that states it and where (the API reference pages are generated from
 * the same models' documentation strings). Checked like the model constraints (../check).
 */
import { COMPUTE_RULES } from "./compute";
import { DATA_RULES } from "./data";
import { EDGE_RULES } from "./edge";
import { MONITORING_RULES } from "./monitoring";
import { DocRule } from "./rule";

export type { DocRule } from "./rule";

/** Every documented limit, by service group (a type's rules all sit in one group, in the order they are checked). */
export const DOC_RULES: readonly DocRule[] = [
    ...MONITORING_RULES,
    ...EDGE_RULES,
    ...COMPUTE_RULES,
    ...DATA_RULES,
];
