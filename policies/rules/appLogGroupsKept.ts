import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { iamLike, grants, roleDocuments } from "../lib/iamDocuments";
import { peek, UNKNOWN } from "../lib/known";
import { show, T } from "../lib/types";
import { cached, ofType, referencedBy } from "../lib/stackIndex";

/** What the CloudWatch agent needs to ship into a group that exists. */
const WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"];

interface Config {
    requiredLogGroups: string[];
    minRetentionDays: number;
    maxRetentionDays: number;
    writerManagedPolicyArns: string[];
}

/** The roles app instances run as: those of the stack's instance profiles. */
function instanceRoles(resources: PolicyResource[]): PolicyResource[] {
    const roles = ofType(resources, T.iamRole);
    return [
        ...new Set(
            ofType(resources, ["aws:iam/instanceProfile:InstanceProfile"]).flatMap((p) =>
                referencedBy(p, "role", roles, ["name", "id", "arn"]),
            ),
        ),
    ];
}

/** What a role's documents grant, read once per role: a managed writer policy, known documents, and what unknown ones are built from. */
interface Grants {
    readonly managed: boolean;
    readonly known: unknown[];
    readonly builtFrom: Set<PolicyResource>;
}

/**
 * The instance roles that cannot write into a group (by name: region and account are the
 * stack's own). Each role's documents are read once and judged once per group name, not
 * once per group and role: with a role and groups per app tier that is quadratic.
 */
function nonWriters(
    roles: PolicyResource[],
    resources: PolicyResource[],
    c: Config,
): (group: PolicyResource, name: string) => PolicyResource[] {
    const grantsOf = new Map<PolicyResource, Grants>();
    const of = (role: PolicyResource) =>
        cached(grantsOf, role, () => {
            const { documents, managedArns } = roleDocuments(role, resources);
            return {
                managed: managedArns.some((a) => c.writerManagedPolicyArns.includes(a)),
                known: documents.filter((d) => d.document !== undefined).map((d) => d.document),
                // Unknown until apply: it grants this group when built from it.
                builtFrom: new Set(
                    documents.filter((d) => d.document === undefined).flatMap((d) => d.builtFrom),
                ),
            };
        });
    const byName = new Map<string, PolicyResource[]>();
    return (group, name) => {
        const probe = `${name}:log-stream:probe`;
        const matches = (resource: string) =>
            resource === "*" ||
            iamLike(resource.replace(/^arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:/i, ""), probe);
        const withoutKnownGrant = cached(byName, name, () =>
            roles.filter((role) => {
                const g = of(role);
                return !g.managed && !g.known.some((d) => WRITE_ACTIONS.every((a) => grants(d, a, matches)));
            }),
        );
        return withoutKnownGrant.filter((role) => !of(role).builtFrom.has(group));
    };
}

export const appLogGroupsKept: StackValidationPolicy = {
    name: "app-log-groups-kept",
    description:
        "Checks that the app and system log groups exist with a retention in the configured range, and that the app instances' role can write to them.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredLogGroups: {
                type: "array",
                items: { type: "string" },
                default: ["/chatmrpt/*/app", "/chatmrpt/*/system"],
            },
            // Long enough to investigate an incident a week later; short enough not to pay for years of logs.
            minRetentionDays: { type: "integer", minimum: 1, default: 14 },
            maxRetentionDays: { type: "integer", minimum: 1, default: 731 },
            writerManagedPolicyArns: {
                type: "array",
                items: { type: "string" },
                default: ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
            },
        },
    },
    validateStack: (args, report) => {
        const c = args.getConfig<Config>();
        const groups = ofType(args.resources, ["aws:cloudwatch/logGroup:LogGroup"]);
        const roles = instanceRoles(args.resources);
        const cannotWrite = nonWriters(roles, args.resources, c);
        for (const pattern of c.requiredLogGroups) {
            const named = groups
                .map((g) => ({ g, name: peek(g.props, "name") }))
                .filter(
                    ({ name }) => name === UNKNOWN || (typeof name === "string" && iamLike(pattern, name)),
                );
            if (named.length === 0) {
                report(
                    `the stack must have a log group named like ${pattern}; found ${show(groups.map((g) => peek(g.props, "name")))}`,
                );
                continue;
            }
            for (const { g, name } of named) {
                const days = peek(g.props, "retentionInDays");
                if (
                    days !== UNKNOWN &&
                    (typeof days !== "number" || days < c.minRetentionDays || days > c.maxRetentionDays)
                ) {
                    report(
                        `log group ${g.name} must keep logs ${c.minRetentionDays} to ${c.maxRetentionDays} days (retentionInDays); found ${days === 0 || days === undefined || days === null ? "never expire" : show(days)}`,
                        g.urn,
                    );
                }
                if (typeof name !== "string") continue;
                for (const role of cannotWrite(g, name)) {
                    report(
                        `instance role ${role.name} must be allowed ${WRITE_ACTIONS.join(" and ")} on log group ${name}; found no statement granting it`,
                        g.urn,
                    );
                }
            }
        }
    },
};
