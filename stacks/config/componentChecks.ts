/**
 * The components' own checks, on the values they will get: whatever a component would refuse
 * is reported here, by `chatmrpt:` key, before any resource exists. A component states its
 * rules once and returns them as data ({@link ArgProblem}); the spec maps each argument back
 * to its key (`args` in stacks/configSpec.ts). Nothing here reads a message.
 */
import { ArgProblem, formatArgProblem } from "../../components/argProblems";
import { backupsArgProblems } from "../../components/backups";
import { cacheArgProblems } from "../../components/cache";
import { thresholdProblems } from "../../components/monitoring";
import { networkArgProblems } from "../../components/network";
import { webTierArgProblems } from "../../components/webTier";
import { keyOfArg } from "../configSpec";
import { NAMESPACE, Reader } from "./reader";
import { StackConfig } from "./types";

export function runComponentChecks(r: Reader, c: StackConfig): void {
    const unreadable = r.failed();
    const report = (component: string, problems: readonly ArgProblem[]) =>
        reportProblems(r, unreadable, component, problems);
    const privateSubnets = c.network.mode === "adopt" ? c.network.privateSubnetIds.length : 2;
    report(
        "network",
        networkArgProblems(
            c.network.mode === "adopt"
                ? {
                      region: c.region,
                      vpcId: c.network.vpcId,
                      publicSubnetIds: c.network.publicSubnetIds,
                      privateSubnetIds: c.network.privateSubnetIds,
                  }
                : {
                      region: c.region,
                      cidrBlock: c.network.cidrBlock,
                      availabilityZones: c.network.availabilityZones,
                  },
        ),
    );
    report(
        "webTier",
        webTierArgProblems({
            ...c.web,
            originReadTimeoutSeconds: c.originReadTimeoutSeconds,
            gracePeriod: c.web.healthCheckGracePeriodSeconds,
            privateSubnetCount: privateSubnets,
        }),
    );
    report("cache", cacheArgProblems({ ...c.cache, subnetCount: privateSubnets }));
    report(
        "backups",
        backupsArgProblems({ retentionDays: c.backups.retentionDays, schedule: c.backups.schedule }),
    );
    report("monitoring", thresholdProblems(c.alarms));
}

/**
 * Each problem under its key, with the other arguments it names given as keys too. A problem
 * on a key that could not be read is the same mistake seen again (the value reaches the
 * component as NaN or ""), so it is left out.
 */
function reportProblems(
    r: Reader,
    unreadable: ReadonlySet<string>,
    component: string,
    problems: readonly ArgProblem[],
): void {
    for (const p of problems) {
        const key = keyOfArg(`${component}.${p.arg}`);
        const related = (p.related ?? []).map((arg) => ({ arg, key: keyOfArg(`${component}.${arg}`) }));
        if (key === undefined) {
            r.problem(`${formatArgProblem(p)} (a component's own check, on a value derived from the config)`);
            continue;
        }
        if (unreadable.has(key) || related.some((x) => x.key !== undefined && unreadable.has(x.key)))
            continue;
        let allowed = p.allowed;
        for (const x of related)
            if (x.key !== undefined) allowed = allowed.replace(x.arg, `${NAMESPACE}:${x.key}`);
        r.keyProblem(key, String(p.value), allowed);
    }
}
