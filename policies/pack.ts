/**
 * The policies of the ChatMRPT pack, in one list. Importable without starting a
 * policy server: only index.ts constructs the PolicyPack.
 */
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ExemptionOptions, withExemptions } from "./lib/exemptions";
import { alarmActions } from "./rules/alarmActions";
import { albBehindCloudFront } from "./rules/albBehindCloudFront";
import { albHardened } from "./rules/albHardened";
import { albListenerHttps } from "./rules/albListenerHttps";
import { appInstancesNoPublicIp } from "./rules/appInstancesNoPublicIp";
import { appTierSingleSecurityGroupSet } from "./rules/appTierSingleSecurityGroupSet";
import { appVolumesBackedUp } from "./rules/appVolumesBackedUp";
import { bucketTlsOnly } from "./rules/bucketTlsOnly";
import { cloudfrontAlarmsInUsEast1 } from "./rules/cloudfrontAlarmsInUsEast1";
import { cloudfrontOriginHttps } from "./rules/cloudfrontOriginHttps";
import { cloudfrontRouterEveryBehavior } from "./rules/cloudfrontRouterEveryBehavior";
import { cloudfrontViewerHttps } from "./rules/cloudfrontViewerHttps";
import { dataBucketsVersioned } from "./rules/dataBucketsVersioned";
import { ebsVolumesEncrypted } from "./rules/ebsVolumesEncrypted";
import { ec2Imdsv2Required } from "./rules/ec2Imdsv2Required";
import { elasticacheRedisEncrypted } from "./rules/elasticacheRedisEncrypted";
import { noLiteralSecurityGroupIds } from "./rules/noLiteralSecurityGroupIds";
import { noMixedSecurityGroupRules } from "./rules/noMixedSecurityGroupRules";
import { noPublicIngress } from "./rules/noPublicIngress";
import { redisIngressFromAppTierOnly } from "./rules/redisIngressFromAppTierOnly";
import { redisSnapshotsRetained } from "./rules/redisSnapshotsRetained";
import { requiredAlarms } from "./rules/requiredAlarms";
import { requiredTags } from "./rules/requiredTags";
import { securityGroupRulesDescribed } from "./rules/securityGroupRulesDescribed";
import { statefulResourcesProtected } from "./rules/statefulResourcesProtected";
import { albListenerRulesHttps } from "./rules/albListenerRulesHttps";
import { backupVaultKeyProtected } from "./rules/backupVaultKeyProtected";
import { classicElbHttpsOnly } from "./rules/classicElbHttpsOnly";
import { elasticacheMemcachedEncrypted } from "./rules/elasticacheMemcachedEncrypted";
import { iamNoWildcardOrAdmin } from "./rules/iamNoWildcardOrAdmin";
import { lifecycleSparesManagedObjects } from "./rules/lifecycleSparesManagedObjects";
import { noPlaintextSecrets } from "./rules/noPlaintextSecrets";
import { noWideAdminIngress } from "./rules/noWideAdminIngress";
import { rdsEncryptedBackedUp } from "./rules/rdsEncryptedBackedUp";
import { s3BucketPublicAccessBlocked } from "./rules/s3BucketPublicAccessBlocked";
import { vpcDefaultSecurityGroupClosed } from "./rules/vpcDefaultSecurityGroupClosed";
import { cloudfrontWafProtected } from "./rules/cloudfrontWafProtected";
import { appIngressFromAlbOnly } from "./rules/appIngressFromAlbOnly";
import { albStickinessForLocalFiles } from "./rules/albStickinessForLocalFiles";
import { asgElbHealthAndRequestScaling } from "./rules/asgElbHealthAndRequestScaling";
import { cloudfrontHsts } from "./rules/cloudfrontHsts";
import { endpointCanaryWatched } from "./rules/endpointCanaryWatched";
import { appLogGroupsKept } from "./rules/appLogGroupsKept";
import { restoreTestsCoverAppVolumes } from "./rules/restoreTestsCoverAppVolumes";
import { dataBucketsInBackupPlan } from "./rules/dataBucketsInBackupPlan";
import { restoreResultsNotified } from "./rules/restoreResultsNotified";
import { backupVaultsKeepRecoveryPoints } from "./rules/backupVaultsKeepRecoveryPoints";
import { accessLoggingOn } from "./rules/accessLoggingOn";
import { adoptedDistributionProtected } from "./rules/adoptedDistributionProtected";

export type ChatMrptPolicy = ResourceValidationPolicy | StackValidationPolicy;

export const PACK_NAME = "chatmrpt-guardrails";

/** The policies as written, before exemptions are applied. */
export const BASE_POLICIES: readonly ChatMrptPolicy[] = [
    // HTTPS everywhere
    albListenerHttps,
    cloudfrontViewerHttps,
    cloudfrontOriginHttps,
    elasticacheRedisEncrypted,
    bucketTlsOnly,
    // Alarms
    requiredAlarms,
    alarmActions,
    cloudfrontAlarmsInUsEast1,
    // Backups
    redisSnapshotsRetained,
    appVolumesBackedUp,
    dataBucketsVersioned,
    statefulResourcesProtected,
    // Drift: nothing AWS deletes on its own may be something the program manages
    lifecycleSparesManagedObjects,
    // Consistent security groups
    appTierSingleSecurityGroupSet,
    redisIngressFromAppTierOnly,
    noPublicIngress,
    albBehindCloudFront,
    noMixedSecurityGroupRules,
    noLiteralSecurityGroupIds,
    securityGroupRulesDescribed,
    // Hygiene
    ec2Imdsv2Required,
    ebsVolumesEncrypted,
    appInstancesNoPublicIp,
    albHardened,
    requiredTags,
    // Gaps an outside attack found, and stateful services the team may add later
    albListenerRulesHttps,
    classicElbHttpsOnly,
    vpcDefaultSecurityGroupClosed,
    noWideAdminIngress,
    backupVaultKeyProtected,
    s3BucketPublicAccessBlocked,
    rdsEncryptedBackedUp,
    elasticacheMemcachedEncrypted,
    noPlaintextSecrets,
    iamNoWildcardOrAdmin,
    // Cutover
    cloudfrontRouterEveryBehavior,
    adoptedDistributionProtected,
    // Edge protection
    cloudfrontWafProtected,
    // App tier behaviour and its one way in
    albStickinessForLocalFiles,
    asgElbHealthAndRequestScaling,
    cloudfrontHsts,
    appIngressFromAlbOnly,
    // Observability
    endpointCanaryWatched,
    appLogGroupsKept,
    // Recovery
    restoreTestsCoverAppVolumes,
    dataBucketsInBackupPlan,
    restoreResultsNotified,
    backupVaultsKeepRecoveryPoints,
    accessLoggingOn,
];

/** The pack's policies with exemption handling around each. */
export function chatMrptPolicies(options: ExemptionOptions = {}): ChatMrptPolicy[] {
    return BASE_POLICIES.map((p) => withExemptions(p, options));
}
