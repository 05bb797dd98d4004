import { AlarmInputs, AlarmSpec } from "../args";
import { autoScalingAlarms } from "./autoScaling";
import { canaryAlarms, cloudFrontAlarms, wafAlarms } from "./edge";
import { loadBalancerAlarms } from "./loadBalancer";
import { redisAlarms } from "./redis";

export { CACHE_NODE_VCPUS_BY_SIZE, cacheNodeVcpus } from "./redis";

/** The alarms for one stack, as plain data: tested directly, and created by {@link Monitoring}. */
export function alarmSpecs(a: AlarmInputs): AlarmSpec[] {
    return [
        ...loadBalancerAlarms(a),
        ...autoScalingAlarms(a),
        ...redisAlarms(a),
        ...canaryAlarms(a),
        ...wafAlarms(a),
        ...cloudFrontAlarms(a),
    ];
}
