/**
 * Checks the values a recorded resource sends against the constraints AWS publishes for
 * the operations that create or update it (./model, ./mapping) and the limits AWS states
 * only in its documentation (./docRules). Unknown values (outputs a preview cannot know)
 * are skipped; a name the provider generates (autonaming: the logical name, "-" and 7
 * random hex characters) is checked as the name AWS would receive.
 */
import { AUTONAMED, RecordedResource, UNKNOWN } from "../engine/mockRuntime";
import { DOC_RULES } from "./docRules";
import { resolve } from "./locate";
import { MAPPINGS, NOT_AWS } from "./mapping";
import { Target } from "./mapping/types";
import { isPlainObject, Pass, Violation } from "./pass";

export { compilePattern } from "./locate";
export type { Violation } from "./pass";

/** A violation as one line: resource, property, value and constraint. */
export function describe(v: Violation): string {
    const shown = JSON.stringify(v.value);
    return `${v.urn}: ${v.property} = ${shown !== undefined && shown.length > 120 ? `${shown.slice(0, 117)}...` : shown} violates ${v.constraint}`;
}

/** The inputs as AWS receives them: an autonamed name filled as the provider generates it. */
export function sentInputs(resource: RecordedResource): Record<string, unknown> {
    const inputs: Record<string, unknown> = { ...resource.inputs };
    const auto = AUTONAMED[resource.type];
    if (auto !== undefined && inputs[auto.property] === undefined && inputs.namePrefix === undefined) {
        // The bridge's autonaming: name, "-", 7 random hex characters, never truncated.
        inputs[auto.property] = `${auto.lowerCase ? resource.name.toLowerCase() : resource.name}-0a1b2c3`;
    }
    return inputs;
}

/** Every violation of one resource; an AWS type with no mapping is one. */
export function checkResource(resource: RecordedResource): Violation[] {
    if (NOT_AWS.some((re) => re.test(resource.type))) return [];
    const mapping = MAPPINGS[resource.type];
    if (mapping === undefined) {
        return [
            {
                urn: resource.urn,
                type: resource.type,
                property: "(type)",
                value: resource.type,
                constraint:
                    "the AWS model mapping: no mapping for this resource type (add one to offline/awsModels/mapping)",
            },
        ];
    }
    const inputs = sentInputs(resource);
    const out: Violation[] = [];
    const auto = AUTONAMED[resource.type];
    if (auto !== undefined && resource.inputs[auto.property] === undefined) {
        const generated = String(inputs[auto.property]);
        if (generated.length > auto.maxLength) {
            out.push({
                urn: resource.urn,
                type: resource.type,
                property: auto.property,
                value: generated,
                constraint: `the provider's autonaming: name plus "-" and 7 random characters must fit ${auto.maxLength}`,
            });
        }
    }
    mapping.operations.forEach((ref, i) => {
        const root = resolve(ref);
        if (root === undefined) throw new Error(`mapping of ${resource.type}: ${ref} does not resolve`);
        new Pass(resource, mapping.send ?? {}, mapping.notSent ?? {}, i === 0, out).fields(
            inputs,
            "",
            "",
            root,
            root,
        );
    });
    for (const rule of DOC_RULES.filter((r) => r.type === resource.type)) {
        for (const { path, value } of valuesAt(inputs, rule.property)) {
            if (value === UNKNOWN || value === undefined) continue;
            const problem = rule.check(value, inputs);
            if (problem !== undefined)
                out.push({
                    urn: resource.urn,
                    type: resource.type,
                    property: path,
                    value,
                    constraint: `${problem}: "${rule.quote}" (${rule.source})`,
                });
        }
    }
    const seen = new Set<string>();
    return out.filter((v) => !seen.has(describe(v)) && seen.add(describe(v)) !== undefined);
}

/** The values at a Pulumi path (`rules[].name`: one per element), with their concrete paths. */
export function valuesAt(value: unknown, pattern: string): { path: string; value: unknown }[] {
    let found: { path: string; value: unknown }[] = [{ path: "", value }];
    for (const segment of pattern.split(".")) {
        const list = segment.endsWith("[]");
        const key = list ? segment.slice(0, -2) : segment;
        found = found.flatMap(({ path, value: v }) => {
            const child = isPlainObject(v) ? v[key] : undefined;
            const at = path === "" ? key : `${path}.${key}`;
            if (!list) return child === undefined ? [] : [{ path: at, value: child }];
            return Array.isArray(child) ? child.map((c, i) => ({ path: `${at}[${i}]`, value: c })) : [];
        });
    }
    return found;
}

/** Every `send` target of every mapping that names no member of the model (a typo, a renamed member). */
export function mappingProblems(): string[] {
    const problems: string[] = [];
    for (const [type, mapping] of Object.entries(MAPPINGS)) {
        const roots = mapping.operations.map((ref) => ({ ref, loc: resolve(ref) }));
        for (const { ref, loc } of roots)
            if (loc === undefined) problems.push(`${type}: operation ${ref} does not resolve`);
        for (const [key, target] of Object.entries(mapping.send ?? {})) {
            for (const t of Array.isArray(target) ? target : [target]) {
                const to = typeof t === "string" ? t : (t as Target).to;
                const explicit = /^[\w-]+:\w+/.test(to);
                const ok = explicit
                    ? resolve(to) !== undefined
                    : roots.some(({ loc }) => loc !== undefined && resolve(to, loc) !== undefined);
                if (!ok) problems.push(`${type}: ${key} → ${to} is not a member of the model`);
            }
        }
    }
    return problems;
}
