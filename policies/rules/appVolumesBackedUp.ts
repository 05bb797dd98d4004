import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { maxIntervalHours } from "../lib/backupSchedule";
import { objects } from "../lib/known";
import { known, record, strings } from "../lib/shapes";
import { show, T } from "../lib/types";
import { ofType, pointedAt } from "../lib/stackIndex";

/** The tags an app-tier launch template puts on its volumes. */
function volumeTags(lt: PolicyResource): Record<string, string> {
    const spec = objects(lt.props.tagSpecifications).find((t) => t.resourceType === "volume");
    return Object.fromEntries(
        Object.entries(record(spec?.tags)).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
}

const VOLUME_ARN = /^arn:aws:ec2:[^:]*:[^:]*:volume\/\*$/;
const coversVolumes = (arns: string[]) => arns.some((r) => r === "*" || VOLUME_ARN.test(r));

/** A Backup condition's `*` wildcard as a regular expression. */
function like(pattern: unknown, value: unknown): boolean {
    if (typeof pattern !== "string" || typeof value !== "string") return false;
    return new RegExp(
        `^${pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
    ).test(value);
}

const tagOf = (tags: Record<string, string>, key: unknown) =>
    tags[String(key).replace(/^aws:ResourceTag\//, "")];

/** A selection's terms, read from its props once per stack (not once per launch template). */
interface SelectionTerms {
    readonly resources: string[];
    readonly equals: Record<string, unknown>[];
    readonly likes: Record<string, unknown>[];
    readonly tagConditions: Record<string, unknown>[];
    /** Read only for a selection that includes the volumes: in a preview they may be unknown. */
    readonly excluding: () => {
        notResources: string[];
        notEquals: Record<string, unknown>[];
        notLikes: Record<string, unknown>[];
    };
}

function termsOf(selection: PolicyResource): SelectionTerms {
    const p = selection.props;
    const conditions = objects(p.conditions);
    let excluding: ReturnType<SelectionTerms["excluding"]> | undefined;
    return {
        resources: strings(p.resources),
        equals: conditions.flatMap((c) => objects(c.stringEquals)),
        likes: conditions.flatMap((c) => objects(c.stringLikes)),
        tagConditions: objects(p.selectionTags).filter((t) => t.type === "STRINGEQUALS"),
        excluding: () =>
            (excluding ??= {
                notResources: strings(p.notResources),
                notEquals: conditions.flatMap((c) => objects(c.stringNotEquals)),
                notLikes: conditions.flatMap((c) => objects(c.stringNotLikes)),
            }),
    };
}

/** True when a selection's own terms pick EBS volumes that carry these tags. */
function includes(terms: SelectionTerms, tags: Record<string, string>): boolean {
    const { resources, equals, likes, tagConditions } = terms;
    if (equals.length === 0 && likes.length === 0 && tagConditions.length === 0)
        return coversVolumes(resources);
    const allConditionsHold =
        equals.every((c) => tagOf(tags, c.key) === c.value) &&
        likes.every((c) => like(c.value, tagOf(tags, c.key)));
    const anyTagMatches =
        tagConditions.length === 0 || tagConditions.some((t) => tags[String(t.key)] === t.value);
    return (resources.length === 0 || coversVolumes(resources)) && allConditionsHold && anyTagMatches;
}

/** Why a selection that includes the volumes excludes them again, if it does. */
function exclusion(terms: SelectionTerms, tags: Record<string, string>): string | undefined {
    const excluding = terms.excluding();
    if (coversVolumes(excluding.notResources)) return `notResources ${show(excluding.notResources)}`;
    const notEquals = excluding.notEquals.filter((c) => tagOf(tags, c.key) === c.value);
    const notLikes = excluding.notLikes.filter((c) => like(c.value, tagOf(tags, c.key)));
    const hit = [...notEquals, ...notLikes];
    return hit.length > 0 ? `conditions excluding ${show(hit.map((c) => `${c.key}=${c.value}`))}` : undefined;
}

export const appVolumesBackedUp: StackValidationPolicy = {
    name: "app-volumes-backed-up",
    description:
        "Checks that the app tier's volumes are picked (and not excluded again) by an AWS Backup selection whose plan keeps recovery points at least the configured days and runs at least every configured hours.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minRetentionDays: { type: "integer", minimum: 1, default: 30 },
            maxIntervalHours: { type: "integer", minimum: 1, default: 24 },
        },
    },
    validateStack: (args, report) => {
        const { minRetentionDays, maxIntervalHours: maxHours } = args.getConfig<{
            minRetentionDays: number;
            maxIntervalHours: number;
        }>();
        const plans = ofType(args.resources, T.backupPlan);
        // Read when the first launch template needs them: with none, no selection prop is read (it may be unknown in a preview).
        let read: { s: PolicyResource; terms: SelectionTerms }[] | undefined;
        const selections = () =>
            (read ??= ofType(args.resources, T.backupSelection).map((s) => ({ s, terms: termsOf(s) })));
        for (const lt of ofType(args.resources, T.launchTemplate)) {
            const tags = volumeTags(lt);
            const including = selections().filter(({ terms }) => includes(terms, tags));
            if (including.length === 0) {
                report(
                    `volumes of ${lt.name} must be selected by an AWS Backup selection; found no selection matching their tags ${JSON.stringify(tags)}`,
                    lt.urn,
                );
                continue;
            }
            const covering = including
                .filter(({ terms }) => exclusion(terms, tags) === undefined)
                .map(({ s }) => s);
            if (covering.length === 0) {
                for (const { s, terms } of including)
                    report(
                        `volumes of ${lt.name} must be selected by an AWS Backup selection; ${s.name} includes them but excludes them again by ${exclusion(terms, tags)}`,
                        lt.urn,
                    );
                continue;
            }
            const rules = covering.flatMap((s) => {
                const plan = pointedAt(s, "planId", plans, ["id"])[0];
                return objects(known(() => plan?.props.rules));
            });
            const retentions = rules.map((rule) => {
                const days = record(rule.lifecycle).deleteAfter;
                return typeof days === "number" ? days : Infinity;
            });
            const best = Math.max(0, ...retentions);
            if (best < minRetentionDays) {
                report(
                    `volumes of ${lt.name} must be kept at least ${minRetentionDays} days by their backup plan; found ${retentions.length === 0 ? "no plan rule" : `${best} days`}`,
                    lt.urn,
                );
            }
            const intervals = rules.map((rule) => maxIntervalHours(rule.schedule));
            const known_ = intervals.filter((h): h is number => h !== undefined);
            if (rules.length > 0 && (known_.length === 0 || Math.min(...known_) > maxHours)) {
                const found =
                    known_.length > 0
                        ? `a backup at most every ${Math.min(...known_)} hours`
                        : `schedule ${show(rules.map((r) => r.schedule ?? null))}`;
                report(
                    `volumes of ${lt.name} must be backed up at least every ${maxHours} hours by their backup plan; found ${found}`,
                    lt.urn,
                );
            }
        }
    },
};
