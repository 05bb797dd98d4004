import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { toPolicyResources } from "../offline/policy/evaluate";
import { checkStack } from "../offline/policy/checkStack";
import { pointsAt } from "../policies/lib/shapes";
import { ofType, pointedAt, pointingAt, withProp, withUrn } from "../policies/lib/stackIndex";

const OPTIONS = { defaultRegion: "us-east-2", project: "chatmrpt", stack: "prod" };
/** The keys pointsAt compares by default, and the bucket name some satellites point by. */
const KEYS = ["id", "arn", "name", "bucket"];

function read(r: PolicyResource, key: string): unknown {
    try {
        return r.props[key];
    } catch {
        return undefined; // unknown in a preview
    }
}

/**
 * The properties a resource points through: those with property dependencies, or whose
 * string value is some resource's id, ARN, name or bucket name.
 */
function pointingProperties(r: PolicyResource, values: Set<unknown>): string[] {
    const byValue = Object.keys(r.props).filter((k) => values.has(read(r, k)));
    return [...new Set([...byValue, ...Object.keys(r.propertyDependencies)])];
}

function referenceValues(resources: PolicyResource[]): Set<unknown> {
    return new Set(
        resources.flatMap((r) =>
            ["id", "arn", "name", "bucket"].map((k) => read(r, k)).filter((v) => typeof v === "string"),
        ),
    );
}

/**
 * The index must give exactly the answers of the scans it replaces, in the same order,
 * in every view a policy sees: after an up (IDs known) and in a first preview (IDs
 * unknown, only dependencies).
 */
describe("stack index (lookups built once per stack)", () => {
    const views: { name: string; resources: PolicyResource[] }[] = [];

    before(async () => {
        for (const view of ["up", "preview"] as const) {
            const check = await checkStack({ view, base: view === "preview" ? "empty" : undefined });
            views.push({ name: view, resources: toPolicyResources(check.run.resources, OPTIONS, "outputs") });
        }
    });

    it("ofType is the stack-order filter on type, one list per type set", () => {
        for (const { name, resources } of views) {
            for (const type of new Set(resources.map((r) => r.type))) {
                const tokens = [type];
                assert.deepStrictEqual(
                    ofType(resources, tokens),
                    resources.filter((r) => r.type === type),
                    `${name} ${type}`,
                );
                assert.strictEqual(
                    ofType(resources, tokens),
                    ofType(resources, tokens),
                    "the same list on a second ask",
                );
            }
            const mixed = ["aws:ec2/securityGroup:SecurityGroup", "aws:s3/bucket:Bucket", "aws:nope:Nope"];
            assert.deepStrictEqual(
                ofType(resources, mixed),
                resources.filter((r) => mixed.includes(r.type)),
            );
        }
    });

    it("pointedAt and pointingAt answer as pointsAt for every holder and property, against the whole stack and per type", () => {
        let compared = 0;
        let pointing = 0;
        for (const { name, resources } of views) {
            const values = referenceValues(resources);
            /** holder type → property → target → the holders pointing at it (by the scan). */
            const reverse = new Map<string, Map<string, Map<PolicyResource, PolicyResource[]>>>();
            for (const holder of resources) {
                for (const property of pointingProperties(holder, values)) {
                    const expected = resources.filter((c) => pointsAt(holder, property, c, KEYS));
                    pointing += expected.length;
                    // The whole stack as one list, then the list of each type pointed at.
                    for (const candidates of [
                        resources,
                        ...new Set(expected.map((t) => ofType(resources, [t.type]))),
                    ]) {
                        assert.deepStrictEqual(
                            pointedAt(holder, property, candidates, KEYS).map((r) => r.urn),
                            expected.filter((t) => candidates.includes(t)).map((r) => r.urn),
                            `${name}: ${holder.name}.${property} among ${candidates.length}`,
                        );
                        compared += 1;
                    }
                    const byProperty =
                        reverse.get(holder.type) ?? new Map<string, Map<PolicyResource, PolicyResource[]>>();
                    reverse.set(holder.type, byProperty);
                    const byTarget = byProperty.get(property) ?? new Map<PolicyResource, PolicyResource[]>();
                    byProperty.set(property, byTarget);
                    for (const t of expected) byTarget.set(t, [...(byTarget.get(t) ?? []), holder]);
                }
            }
            for (const [holderType, byProperty] of reverse) {
                const holders = ofType(resources, [holderType]);
                for (const [property, byTarget] of byProperty) {
                    for (const target of resources) {
                        const expected = byTarget.get(target) ?? [];
                        assert.deepStrictEqual(
                            pointingAt(holders, property, target, resources, KEYS),
                            expected,
                            `${name}: ${holderType}.${property} → ${target.name}`,
                        );
                        assert.deepStrictEqual(
                            pointingAt(holders, property, target, ofType(resources, [target.type]), KEYS),
                            expected,
                        );
                    }
                }
            }
        }
        // Not a vacuous pass: the stacks have references, by value after an up and by dependency in a preview.
        assert.ok(compared > 1_000, `compared ${compared}`);
        assert.ok(pointing > 500, `found ${pointing} references`);
    });

    it("withProp matches known string values only, and withUrn keeps list order", () => {
        const { resources } = views[0];
        const groups = ofType(resources, ["aws:ec2/securityGroup:SecurityGroup"]);
        assert.ok(groups.length >= 3, `${groups.length} security groups`);
        const id = groups[1].props.id as string;
        assert.deepStrictEqual(withProp(groups, "id", id), [groups[1]]);
        assert.deepStrictEqual(withProp(groups, "id", 42), []);
        assert.deepStrictEqual(withProp(groups, "id", undefined), []);
        assert.deepStrictEqual(withUrn(groups, [groups[2].urn, "urn:nope", groups[0].urn, groups[2].urn]), [
            groups[0],
            groups[2],
        ]);

        const preview = ofType(views[1].resources, ["aws:ec2/securityGroup:SecurityGroup"]);
        // In a first preview every new ID is unknown: nothing matches by value.
        assert.deepStrictEqual(withProp(preview, "id", id), []);
    });
});
