// Elastic Load Balancing: ARNs with their `app/...` and `targetgroup/...` suffixes, DNS names.
import { OutputContext, OutputFiller } from "./context";

function listener({ out, name, h, arn }: OutputContext): string {
    out.arn = `${arn("elasticloadbalancing")}:listener/app/${name}/${h.slice(0, 16)}`;
    return `${out.arn}`;
}

export const ELB_OUTPUTS: Record<string, OutputFiller> = {
    "aws:lb/loadBalancer:LoadBalancer": ({ out, inputs, region, h, resourceName, arn }) => {
        const suffix = `app/${resourceName}/${h.slice(0, 16)}`;
        out.arn = `${arn("elasticloadbalancing")}:loadbalancer/${suffix}`;
        out.arnSuffix = suffix;
        // AWS prefixes an internal load balancer's DNS name with "internal-".
        out.dnsName = `${inputs.internal ? "internal-" : ""}${resourceName}-${parseInt(h.slice(0, 8), 16)}.${region}.elb.amazonaws.com`;
        out.zoneId = "Z3AADJGX6KTTL2";
        return `${out.arn}`;
    },
    "aws:lb/targetGroup:TargetGroup": ({ out, h, resourceName, arn }) => {
        const suffix = `targetgroup/${resourceName}/${h.slice(0, 16)}`;
        out.arn = `${arn("elasticloadbalancing")}:${suffix}`;
        out.arnSuffix = suffix;
        return `${out.arn}`;
    },
    "aws:lb/listener:Listener": listener,
    "aws:lb/listenerRule:ListenerRule": listener,
};
