// The CloudFront distribution in front of the internal ALB: VPC origin, optional custom name and
// legacy origin behind the router, security headers, and the adopted distribution of the cutover.
export { Cdn } from "./cdn";
export {
    APP_ORIGIN_ID,
    DEFAULT_CERTIFICATE_TLS,
    validateAdoption,
    VIEWER_MIN_TLS,
    VPC_ORIGIN_SECURITY_GROUP_NAME,
    VPC_ORIGIN_TIMEOUT,
} from "./args";
export type { CdnAdoption, CdnArgs, CdnDomain, CdnLegacyOrigin, CdnOrigin } from "./args";
export { cacheBehaviors, MANAGED_POLICY, validateCdnArgs } from "../cdnBehaviors";
