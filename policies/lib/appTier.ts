import { PolicyResource } from "@pulumi/policy";
import { attachedGroupKeys } from "./securityGroups";
import { isOneOf, T } from "./types";

/** A member of the app tier and the security groups it gives its instances. */
export interface AppTierMember {
    readonly resource: PolicyResource;
    readonly groups: string[];
}

/**
 * Launch templates, launch configurations, instances and Auto Scaling groups (which
 * take the groups of their launch template).
 */
export function appTierMembers(resources: PolicyResource[]): AppTierMember[] {
    const templates = resources.filter((r) => isOneOf(r.type, T.launchTemplate) || isOneOf(r.type, T.launchConfiguration));
    const members: AppTierMember[] = [
        ...templates.map((t) => ({ resource: t, groups: attachedGroupKeys(t, resources) })),
        ...resources.filter((r) => isOneOf(r.type, T.instance)).map((i) => ({ resource: i, groups: attachedGroupKeys(i, resources) })),
    ];
    for (const asg of resources.filter((r) => isOneOf(r.type, T.autoScalingGroup))) {
        const ltId = asg.props.launchTemplate?.id ?? asg.props.launchConfiguration;
        const template = templates.find((t) => t.props.id === ltId || t.props.name === asg.props.launchTemplate?.name || t.props.name === ltId ||
            (asg.propertyDependencies.launchTemplate ?? asg.propertyDependencies.launchConfiguration ?? []).some((d) => d.urn === t.urn));
        if (template) members.push({ resource: asg, groups: attachedGroupKeys(template, resources) });
    }
    return members;
}

/** The security-group set most of the app tier uses (the first one seen on a tie). */
export function referenceGroupSet(members: AppTierMember[]): string[] {
    const counts = new Map<string, { groups: string[]; count: number }>();
    for (const m of members) {
        const key = JSON.stringify(m.groups);
        const entry = counts.get(key) ?? { groups: m.groups, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
    }
    let best: { groups: string[]; count: number } | undefined;
    for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
    return best?.groups ?? [];
}
