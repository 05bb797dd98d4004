/** Where a value goes in AWS's service models: shapes, members and the path that reached them. */
import { loadConstraints, Shape, splitOperation } from "./model";

/** A place in one service model: a shape and how it was reached. */
export interface Loc {
    readonly service: string;
    readonly shape: string;
    /** `wafv2:CreateWebACL Rules[].Name`, for messages. */
    readonly where: string;
}

const patterns = new Map<string, RegExp>();

/** A model pattern (Java regex syntax, not anchored unless it says so) as a JavaScript RegExp. */
export function compilePattern(pattern: string): RegExp {
    let re = patterns.get(pattern);
    if (re === undefined) {
        try {
            re = new RegExp(pattern, "u");
        } catch {
            // Surrogate ranges (\uD800-\uDBFF) are not valid with the u flag; they are without it.
            re = new RegExp(pattern);
        }
        patterns.set(pattern, re);
    }
    return re;
}

export function shapeOf(service: string, name: string): Shape {
    const shape = loadConstraints().services[service]?.shapes[name];
    if (shape === undefined)
        throw new Error(`constraints.json: no shape ${name} in ${service} (run npm run awsmodels:extract)`);
    return shape;
}

/** Follows `A.B[].C` from an operation's input (or from `from`); undefined where the model has no such member. */
export function resolve(ref: string, from?: Loc): Loc | undefined {
    let loc: Loc;
    let path = ref;
    if (from === undefined) {
        const space = ref.indexOf(" ");
        const { service, operation } = splitOperation(space < 0 ? ref : ref.slice(0, space));
        path = space < 0 ? "" : ref.slice(space + 1);
        const input = loadConstraints().services[service]?.operations[operation];
        if (input === undefined)
            throw new Error(
                `constraints.json: no operation ${service}:${operation} (run npm run awsmodels:extract)`,
            );
        loc = { service, shape: input, where: `${service}:${operation}` };
    } else {
        loc = from;
    }
    for (const segment of path.split(".").filter((s) => s !== "")) {
        const list = segment.endsWith("[]");
        const name = list ? segment.slice(0, -2) : segment;
        const member = shapeOf(loc.service, loc.shape).members?.[name];
        if (member === undefined) return undefined;
        loc = {
            service: loc.service,
            shape: member,
            where: `${loc.where}${loc.where.includes(" ") ? "." : " "}${name}`,
        };
        if (list) {
            const element = shapeOf(loc.service, loc.shape).member;
            if (element === undefined) return undefined;
            loc = { ...loc, shape: element, where: `${loc.where}[]` };
        }
    }
    return loc;
}

/** The member of a structure a Pulumi key stands for: same name ignoring case and underscores. */
export function memberFor(shape: Shape, key: string): string | undefined {
    const norm = (s: string) => s.replace(/_/g, "").toLowerCase();
    return Object.keys(shape.members ?? {}).find((m) => norm(m) === norm(key));
}
