import * as assert from "assert";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { RecordedResource } from "../offline/engine/mockRuntime";
import { chatMrptPolicies } from "../policies/pack";
import { T } from "../policies/lib/types";
import { prodBaseline, TODAY } from "./policyHarness";

/** Wrong shapes a provider, a refresh or a careless program can hand a policy. */
const BAD_VALUES: unknown[] = [null, 42, "not-what-you-expect", {}, [null, 42]];

function withProp(
    r: RecordedResource,
    key: string,
    change: (props: Record<string, any>) => void,
    subjects: Set<string>,
): RecordedResource {
    if (!subjects.has(r.type) || (!(key in r.inputs) && !(key in r.outputs))) return r;
    const inputs = structuredClone(r.inputs);
    const outputs = structuredClone(r.outputs);
    change(inputs);
    change(outputs);
    return { ...r, inputs, outputs };
}

/** Every (path, bad value) the fuzz tries: each top-level key, each key one level down, and null list elements. */
function corruptions(
    resources: RecordedResource[],
): { what: string; key: string; apply: (props: Record<string, any>) => void }[] {
    const out: { what: string; key: string; apply: (props: Record<string, any>) => void }[] = [];
    const keys = new Set(resources.flatMap((r) => Object.keys(r.outputs)));
    for (const key of keys) {
        for (const bad of BAD_VALUES)
            out.push({
                what: `${key} = ${JSON.stringify(bad)}`,
                key,
                apply: (p) => {
                    if (key in p) p[key] = structuredClone(bad);
                },
            });
        out.push({
            what: `${key} with a null element`,
            key,
            apply: (p) => {
                if (Array.isArray(p[key])) p[key] = [...p[key], null];
            },
        });
        const nested = new Set(
            resources.flatMap((r) => {
                const v = r.outputs[key];
                const objects = Array.isArray(v) ? v : [v];
                return objects
                    .filter((o) => o !== null && typeof o === "object" && !Array.isArray(o))
                    .flatMap((o) => Object.keys(o));
            }),
        );
        for (const inner of nested) {
            for (const bad of [null, 42, [null]]) {
                out.push({
                    what: `${key}[].${inner} = ${JSON.stringify(bad)}`,
                    key,
                    apply: (p) => {
                        for (const o of Array.isArray(p[key]) ? p[key] : [p[key]])
                            if (o !== null && typeof o === "object" && inner in o)
                                o[inner] = structuredClone(bad);
                    },
                });
            }
        }
    }
    return out;
}

describe("no policy throws on unexpected shapes (a thrown policy fails the whole preview)", () => {
    it("every policy, on prod with each property of every resource set to null, a wrong type, or a list holding null", async function () {
        this.timeout(120000);
        // The types some policy reads (every type's tags are read by required-tags).
        const read = new Set<string>(Object.values(T).flat());
        const prod = (await prodBaseline()).resources;
        const subjects = prod.filter((r) => read.has(r.type));
        const policies = chatMrptPolicies({ now: () => TODAY });
        const cases = corruptions(subjects);
        assert.ok(cases.length > 300, `only ${cases.length} corruptions: the fuzz found too few properties`);
        const failures: string[] = [];
        // Four corruptions per run, of keys far apart in the list (so of different keys), to keep the suite fast.
        const stride = Math.ceil(cases.length / 4);
        for (let i = 0; i < stride; i++) {
            const batch = [cases[i], cases[i + stride], cases[i + 2 * stride], cases[i + 3 * stride]].filter(
                (c) => c !== undefined,
            );
            const resources = prod.map((r) =>
                batch.reduce((acc, c) => withProp(acc, c.key, c.apply, read), r),
            );
            try {
                await evaluatePolicies(policies, resources, {
                    defaultRegion: "us-east-2",
                    project: "chatmrpt",
                    stack: "prod",
                    packEnforcementLevel: "mandatory",
                });
            } catch (e) {
                failures.push(
                    `${batch.map((c) => c.what).join(" + ")}: ${e instanceof Error ? e.message : String(e)}`,
                );
            }
        }
        assert.deepStrictEqual(failures, []);
    });
});
