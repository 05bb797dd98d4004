import { PolicyResource } from "@pulumi/policy";
import { attachedGroupKeys } from "./securityGroups";
import { objects } from "./known";
import { dependencies, known, record } from "./shapes";
import { isOneOf, T } from "./types";
import { inListOrder, ofType, withProp, withUrn } from "./stackIndex";

/** A member of the app tier and the security groups it gives its instances. */
export interface AppTierMember {
    readonly resource: PolicyResource;
    readonly groups: string[];
}

/** Types whose resources give instances their own security groups. */
const DIRECT_MEMBERS = [
    ...T.instance,
    ...T.spotInstanceRequest,
    ...T.spotFleetRequest,
    ...T.networkInterface,
];
const TEMPLATES = [...T.launchTemplate, ...T.launchConfiguration];
/** Types that launch instances from a template. */
const TEMPLATE_USERS = [...T.autoScalingGroup, ...T.ec2Fleet, ...T.spotFleetRequest];

/** The launch template (or configuration) a group or fleet takes its instances' settings from. */
function templateOf(holder: PolicyResource, templates: PolicyResource[]): PolicyResource | undefined {
    const p = holder.props;
    const refs = [
        record(known(() => p.launchTemplate)),
        ...objects(known(() => p.launchTemplateConfigs)).map((c) =>
            record(known(() => c.launchTemplateSpecification)),
        ),
    ];
    const ids = new Set(
        refs
            .flatMap((ref) => [
                known(() => ref.id),
                known(() => ref.launchTemplateId),
                known(() => ref.name),
                known(() => ref.launchTemplateName),
            ])
            .concat(known(() => p.launchConfiguration))
            .filter((v) => typeof v === "string"),
    );
    const deps = ["launchTemplate", "launchConfiguration", "launchTemplateConfigs"].flatMap((k) =>
        dependencies(holder, k),
    );
    const byReference = [...ids].flatMap((v) => [
        ...withProp(templates, "id", v),
        ...withProp(templates, "name", v),
    ]);
    return inListOrder(templates, [
        ...withUrn(
            templates,
            deps.map((d) => d.urn),
        ),
        ...byReference,
    ])[0];
}

/**
 * Everything that gives app instances security groups: launch templates and
 * configurations, instances, spot requests, spot fleets and network interfaces (their
 * own groups), and Auto Scaling groups, EC2 fleets and spot fleets on a template (its groups).
 */
export function appTierMembers(resources: PolicyResource[]): AppTierMember[] {
    const templates = ofType(resources, TEMPLATES);
    const members: AppTierMember[] = [
        ...templates.map((t) => ({ resource: t, groups: attachedGroupKeys(t, resources) })),
        ...ofType(resources, DIRECT_MEMBERS)
            .filter(
                (r) =>
                    !(
                        isOneOf(r.type, T.spotFleetRequest) &&
                        objects(known(() => r.props.launchSpecifications)).length === 0
                    ),
            )
            .map((i) => ({ resource: i, groups: attachedGroupKeys(i, resources) })),
    ];
    for (const holder of ofType(resources, TEMPLATE_USERS)) {
        const template = templateOf(holder, templates);
        if (template) members.push({ resource: holder, groups: attachedGroupKeys(template, resources) });
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
