/**
 * The app tier section: the Auto Scaling group's size, the image, the app, and the timeouts
 * along a request. The orderings between them (minSize ≤ maxSize, the timeouts, the CPU target
 * against the baseline) are the WebTier component's own rules (componentChecks.ts).
 */
import { CpuCreditMode } from "../../components/webTier";
import * as v from "../validate";
import { Reader } from "./reader";
import { StackConfig } from "./types";

export type WebConfig = Pick<StackConfig, "web" | "originReadTimeoutSeconds">;

export function readWebTier(r: Reader, region: string | undefined): WebConfig {
    const checkImage = (s: string) =>
        v.checkAmi(s) ??
        (s.startsWith("ssm:") ? v.checkSsmParameterName(s.slice(4), { creating: false, region }) : undefined);
    const web = {
        instanceType: r.string("instanceType") ?? "",
        minSize: r.int("minSize"),
        desiredCapacity: r.int("desiredCapacity"),
        maxSize: r.int("maxSize"),
        ami: r.required("ami", checkImage) ?? "",
        appPort: r.int("appPort"),
        appWorkers: r.int("appWorkers"),
        healthCheckPath: r.string("healthCheckPath") ?? "",
        healthCheckGracePeriodSeconds: r.int("healthCheckGracePeriodSeconds"),
        rootVolumeSizeGiB: r.int("rootVolumeSizeGiB"),
        cpuTargetPercent: r.int("cpuTargetPercent"),
        cpuCredits: (r.string("cpuCredits") ?? "unlimited") as CpuCreditMode,
        typicalAnswerSeconds: r.int("typicalAnswerSeconds"),
        albIdleTimeoutSeconds: r.int("albIdleTimeoutSeconds"),
        appWorkerTimeoutSeconds: r.int("appWorkerTimeoutSeconds"),
        appKeepAliveSeconds: r.int("appKeepAliveSeconds"),
        deregistrationDelaySeconds: r.int("deregistrationDelaySeconds"),
        stickinessSeconds: r.int("stickinessSeconds"),
    };
    return { originReadTimeoutSeconds: r.int("originReadTimeoutSeconds"), web };
}
