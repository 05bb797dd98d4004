/** The config spec's keys of one section (stacks/configSpec.ts): The stack: its shape, environment, tags and budget. */
import { Check, KeyDef, prod, SHAPES } from "./keySpec";

const checkEnvironment: Check = (s) =>
    /^[a-z][a-z0-9-]{0,15}$/.test(s) ? undefined : "must be 1-16 lower-case letters, digits or -";

export const STACK_KEYS = {
    shape: {
        kind: "enum",
        values: SHAPES,
        meaning: "Selects the preset whose values every other key defaults to.",
    },
    environment: {
        kind: "string",
        check: checkEnvironment,
        allowed: "1-16 lower-case letters, digits or -",
        default: prod("prod"),
        meaning:
            "The environment's name: in resource names, log groups, the SSM parameter path and the Environment tag.",
    },
    tags: {
        kind: "map",
        allowed:
            "a map of tag names to string values, at most 45; not Project, Environment, ManagedBy, Name, Tier or Purpose",
        meaning: "Extra tags on every taggable resource (Project, Environment and ManagedBy are always set).",
    },
    // The team's target after consolidation.
    monthlyBudgetUsd: {
        kind: "number",
        min: 1,
        max: 1000000,
        default: prod("260"),
        meaning: "The monthly budget in USD: the plan fails above it.",
    },
} as const satisfies Record<string, KeyDef>;
