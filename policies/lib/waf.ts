import { PolicyResource } from "@pulumi/policy";
import { objects, peek, peekPath, UNKNOWN } from "./known";
import { parseJson, record } from "./shapes";
import { T } from "./types";
import { ofType, pointingAt } from "./stackIndex";

/** What a rule does with a match: blocking actions enforce, count and allow let the request through. */
export type WafAction = "allow" | "block" | "count" | "captcha" | "challenge" | "none";

/** One rule of a web ACL, however it was declared. */
export interface WafRule {
    readonly name: string;
    readonly priority?: number;
    /** The resource that declares it: the ACL itself, or a separate rule or association resource. */
    readonly declaredBy: PolicyResource;
    /** A rule's `action`, or a rule group's `overrideAction` (`none` keeps the group's own actions). */
    readonly action?: WafAction;
    readonly managedGroup?: {
        readonly vendor?: string;
        readonly name?: string;
        readonly relaxedRules: string[];
        readonly scopedDown: boolean;
    };
    readonly rate?: { readonly limit?: number; readonly aggregateKeyType?: string };
}

const ACTIONS: readonly WafAction[] = ["allow", "block", "count", "captcha", "challenge", "none"];

/** The one action key of `{count: {}}`-shaped values (any case: ruleJson uses the API's PascalCase). */
function actionOf(value: unknown): WafAction | undefined {
    if (typeof value === "string") return ACTIONS.find((a) => a === value.toLowerCase());
    const set = Object.keys(record(value)).filter(
        (k) => record(value)[k] !== null && record(value)[k] !== undefined,
    );
    return ACTIONS.find((a) => set.some((k) => k.toLowerCase() === a));
}

/** `obj[key]` whatever its case (the provider's camelCase or the API's PascalCase). */
function get(obj: unknown, key: string): any {
    const v = peek(obj, key);
    return v !== undefined ? v : peek(obj, key[0].toUpperCase() + key.slice(1));
}

const names = (overrides: unknown[]): string[] =>
    overrides.map((o) => get(o, "name")).filter((n): n is string => typeof n === "string");

/** The rules of a managed group the ACL sets to count or allow (rule action overrides, or the older excluded rules). */
function relaxedRules(statement: unknown): string[] {
    const relaxing = objects(get(statement, "ruleActionOverrides")).filter((o) =>
        ["count", "allow"].includes(actionOf(get(o, "actionToUse")) ?? ""),
    );
    return [...names(relaxing), ...names(objects(get(statement, "excludedRules")))];
}

/** One rule from its provider or API shape. */
function readRule(rule: unknown, declaredBy: PolicyResource): WafRule {
    const statement = get(rule, "statement");
    const managed = get(statement, "managedRuleGroupStatement");
    const rate = get(statement, "rateBasedStatement");
    const priority = get(rule, "priority");
    const name = get(rule, "name");
    return {
        name: typeof name === "string" ? name : "(unnamed)",
        priority: typeof priority === "number" ? priority : undefined,
        declaredBy,
        action: actionOf(get(rule, "overrideAction")) ?? actionOf(get(rule, "action")),
        managedGroup:
            managed && managed !== UNKNOWN
                ? {
                      vendor: get(managed, "vendorName"),
                      name: get(managed, "name"),
                      relaxedRules: relaxedRules(managed),
                      scopedDown:
                          get(managed, "scopeDownStatement") !== undefined &&
                          get(managed, "scopeDownStatement") !== null,
                  }
                : undefined,
        rate:
            rate && rate !== UNKNOWN
                ? { limit: get(rate, "limit"), aggregateKeyType: get(rate, "aggregateKeyType") }
                : undefined,
    };
}

/** An association resource's managed group, which names its override as a string. */
function readAssociation(a: PolicyResource): WafRule {
    const group = peek(a.props, "managedRuleGroup");
    const priority = peek(a.props, "priority");
    const name = peek(a.props, "ruleName");
    return {
        name: typeof name === "string" ? name : a.name,
        priority: typeof priority === "number" ? priority : undefined,
        declaredBy: a,
        action: actionOf(peek(a.props, "overrideAction") ?? "none"),
        managedGroup:
            group && group !== UNKNOWN
                ? {
                      vendor: get(group, "vendorName"),
                      name: get(group, "name"),
                      relaxedRules: relaxedRules(group),
                      scopedDown: false,
                  }
                : undefined,
    };
}

/**
 * Every rule of a web ACL: inline `rules`, `ruleJson` (the API's JSON), and separate
 * `aws:wafv2/webAclRule` and `aws:wafv2/webAclRuleGroupAssociation` resources that point at it.
 * Undefined when the ACL's own rules are unknown (a preview), so nothing can be decided.
 */
export function wafRules(acl: PolicyResource, resources: PolicyResource[]): WafRule[] | undefined {
    const inline = peek(acl.props, "rules");
    const json = peek(acl.props, "ruleJson");
    if (inline === UNKNOWN || json === UNKNOWN) return undefined;
    const acls = ofType(resources, T.webAcl);
    const separate = pointingAt(ofType(resources, T.webAclRule), "webAclArn", acl, acls, ["arn"]).map((r) =>
        readRule(r.props, r),
    );
    const associations = pointingAt(ofType(resources, T.webAclRuleGroupAssociation), "webAclArn", acl, acls, [
        "arn",
    ]).map(readAssociation);
    const fromJson = objects(parseJson(typeof json === "string" ? json : undefined));
    return [
        ...objects(inline).map((r) => readRule(r, acl)),
        ...fromJson.map((r) => readRule(r, acl)),
        ...separate,
        ...associations,
    ];
}

/** The default action of an ACL (`allow` or `block`), undefined when unset or unknown. */
export function defaultActionOf(acl: PolicyResource): WafAction | undefined {
    return actionOf(peekPath(acl.props, "defaultAction"));
}
