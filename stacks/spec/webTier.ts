/** The config spec's keys of one section (stacks/configSpec.ts): The app tier: the Auto Scaling group, the image, the app and the timeouts along a request. */
import { CPU_CREDIT_MODES } from "../../components/webTier";
import * as v from "../validate";
import { int, KeyDef, prod } from "./keySpec";

export const WEB_TIER_KEYS = {
    instanceType: {
        kind: "string",
        check: v.checkInstanceType,
        allowed: `an EC2 type of ${v.ALLOWED_INSTANCE_FAMILIES.join(", ")}`,
        default: prod("t3a.large"),
        meaning: "The app instances' EC2 type.",
    },
    minSize: int(1, 20, "2", "The Auto Scaling group's minimum instances.", ["webTier.minSize"]),
    desiredCapacity: int(1, 20, "2", "The instances the group starts with (between minSize and maxSize).", [
        "webTier.desiredCapacity",
    ]),
    maxSize: int(1, 20, "4", "The most instances the group scales to.", ["webTier.maxSize"]),
    ami: {
        kind: "string",
        check: v.checkAmi,
        required: true,
        allowed: "ami-xxxxxxxx, or ssm:/path of a parameter holding one",
        meaning:
            "The app image; an ssm: parameter is read at deploy time and the literal ID goes into the launch template.",
        args: ["webTier.ami"],
    },
    appPort: int(1024, 65535, "8000", "The port the app listens on (not 6379, Redis's).", [
        "webTier.appPort",
    ]),
    appWorkers: int(1, 64, "10", "Gunicorn workers per instance.", ["webTier.appWorkers"]),
    healthCheckPath: {
        kind: "string",
        check: v.checkHttpPath,
        allowed: "an absolute path of at most 1024 characters",
        default: prod("/health"),
        meaning: "The path the ALB checks each instance on.",
        args: ["webTier.healthCheckPath"],
    },
    healthCheckGracePeriodSeconds: int(
        60,
        3600,
        "300",
        "Seconds a new instance has to pass its health check (more than the boot-time SSM fetch).",
        ["webTier.healthCheckGracePeriodSeconds"],
    ),
    rootVolumeSizeGiB: int(
        8,
        1024,
        "30",
        "The root volume's size; at least the image's root snapshot (checked once the image is read).",
    ),
    // Unlimited credits, and the CPU target at t3a.large's 30 % baseline (t3.large's too): the group adds an
    // instance before it buys surplus credits ($0.05/vCPU-hour), so the plan's surplus is $0
    // until the group is at maxSize (a 60 % target would cost ~$44/month for two instances).
    cpuTargetPercent: int(
        10,
        90,
        "30",
        "The CPU target-tracking target; with standard credits at most the type's baseline.",
        ["webTier.cpuTargetPercent"],
    ),
    cpuCredits: {
        kind: "enum",
        values: CPU_CREDIT_MODES,
        default: prod("unlimited"),
        meaning: "The T3 credit mode.",
        args: ["webTier.cpuCredits"],
    },
    // 10 workers × 60 / 10 s × 70 % = 42 requests per instance per minute.
    typicalAnswerSeconds: int(
        1,
        600,
        "10",
        "Seconds a worker spends on a typical chat answer; sets the request-count scaling target.",
        ["webTier.typicalAnswerSeconds"],
    ),
    // Timeouts along a request, in the order they must hold: CloudFront read 60 ≤ ALB idle
    // 120 < gunicorn keep-alive 125; gunicorn worker timeout 75 ≥ 60; drain 60 (≥ 60, ≤ 120).
    // CloudFront allows 1-60 s without a quota increase (up to 180 with one).
    originReadTimeoutSeconds: int(
        1,
        180,
        "60",
        "CloudFront's origin read timeout; the app tier's timeouts are checked against it.",
        ["webTier.originReadTimeoutSeconds"],
    ),
    // The ALB's idle timeout: 1-4000 s.
    albIdleTimeoutSeconds: int(1, 4000, "120", "The ALB's idle timeout: at least originReadTimeoutSeconds.", [
        "webTier.albIdleTimeoutSeconds",
    ]),
    appKeepAliveSeconds: int(2, 4001, "125", "Gunicorn's keep-alive: more than albIdleTimeoutSeconds.", [
        "webTier.appKeepAliveSeconds",
    ]),
    appWorkerTimeoutSeconds: int(
        1,
        3600,
        "75",
        "Gunicorn's worker timeout: at least originReadTimeoutSeconds.",
        ["webTier.appWorkerTimeoutSeconds"],
    ),
    // Target group deregistration delay: 0-3600 s (AWS); the rollback budget caps it lower.
    deregistrationDelaySeconds: int(
        0,
        3600,
        "60",
        "Seconds a draining instance finishes answers: from originReadTimeoutSeconds to 120.",
        ["webTier.deregistrationDelaySeconds"],
    ),
    // lb_cookie: 1 s to 7 days; 0 turns stickiness off. A day while uploads live on instance disks.
    stickinessSeconds: int(
        0,
        604800,
        "86400",
        "The ALB stickiness cookie's lifetime; 0 turns stickiness off.",
        ["webTier.stickinessSeconds"],
    ),
} as const satisfies Record<string, KeyDef>;
