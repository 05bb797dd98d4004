/** The stack section: shape, region, environment and tags. */
import { SHAPES, Shape } from "../configSpec";
import * as v from "../validate";
import { echo } from "../validate";
import { NAMESPACE, Reader } from "./reader";

/** Tags components set per resource: a stack's value would be silently replaced. */
const PROGRAM_TAGS = ["Project", "Environment", "ManagedBy", "Name", "Tier", "Purpose"];

/** The shape, or a thrown error: without a shape there are no defaults to validate the rest against. */
export function readShape(r: Reader): Shape {
    const shapeRaw = r.raw("shape");
    if (shapeRaw === undefined || !(SHAPES as readonly string[]).includes(shapeRaw)) {
        r.problem(
            `${NAMESPACE}:shape (${echo(shapeRaw ?? "unset")}): must be one of ${SHAPES.join(", ")}`,
            true,
        );
        r.throwIfProblems();
    }
    return shapeRaw as Shape;
}

export function readRegion(r: Reader): string | undefined {
    return r.required("region", v.checkRegion, "aws");
}

export function readEnvironment(r: Reader, region: string | undefined): string | undefined {
    const environment = r.string("environment");
    const project = r.source.project;
    const parameter = `/${project}/${environment}/redis/auth-token`;
    const problem =
        environment === undefined
            ? undefined
            : v.checkSsmParameterName(parameter, { creating: true, region });
    if (problem)
        r.keyProblem(
            "environment",
            environment ?? "",
            `names the SSM parameter ${parameter}, which ${problem}`,
        );
    return environment;
}

/** Tags every taggable resource carries: Project, Environment, ManagedBy, plus chatmrpt:tags. */
export function readTags(r: Reader, environment: string | undefined): Record<string, string> {
    const extraTags = r.object("tags");
    const count = Object.keys(extraTags).length;
    const countProblem = v.checkTagCount(count);
    if (countProblem) r.problem(`${NAMESPACE}:tags (${count} tags): ${countProblem}`);
    for (const [k, value] of Object.entries(extraTags)) {
        const problem = v.checkTag(k, value);
        if (problem) r.problem(`${NAMESPACE}:tags (${echo(`${k}=${value}`)}): ${problem}`);
        if (PROGRAM_TAGS.includes(k))
            r.problem(`${NAMESPACE}:tags (${k}): is set by the program and must not be overridden`);
    }
    return { ...extraTags, Project: r.source.project, Environment: environment ?? "", ManagedBy: "pulumi" };
}
